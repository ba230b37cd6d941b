package org.shangliang.gateway.security;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.shangliang.contracts.http.BearerHeader;
import org.shangliang.contracts.http.HeaderText;
import org.shangliang.gateway.identity.IssuerProperties;
import org.shangliang.gateway.identity.SigningKey;
import org.shangliang.gateway.web.GatewayProblems;
import org.shangliang.gateway.web.PageRoutes;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.BearerTokenErrors;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.firewall.ServerWebExchangeFirewall;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter;
import org.springframework.security.web.server.header.XFrameOptionsServerHttpHeadersWriter;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The gateway rejects missing, expired, not-yet-valid, wrongly signed, unsigned, wrong-issuer and
 * wrong-audience tokens with 401 before routing, and applies the coarse role rules (403).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
public class GatewaySecurityConfiguration {

    @Bean
    public SecurityWebFilterChain gatewaySecurity(ServerHttpSecurity http, ReactiveJwtDecoder jwtDecoder,
                                                  GatewayProblems problems, CorsConfigurationSource cors) {
        ServerAuthenticationEntryPoint unauthenticated = (exchange, e) -> problems.write(exchange,
                HttpStatus.UNAUTHORIZED, "unauthenticated", "problem.unauthenticated.detail",
                Map.of("WWW-Authenticate", "Bearer"));
        // A 403 names the roles the route needs, in the caller's language and as codes.
        ServerAccessDeniedHandler denied = (exchange, e) -> {
            var roles = RouteRoles.rolesFor(exchange.getRequest().getMethod(),
                    exchange.getRequest().getPath().pathWithinApplication());
            if (roles.isEmpty()) {
                return problems.write(exchange, HttpStatus.FORBIDDEN, "forbidden", "problem.forbidden.role", Map.of());
            }
            String names = String.join(problems.message(exchange, "role.separator"),
                    roles.get().stream().map(r -> problems.message(exchange, "role." + r)).toList());
            var problem = problems.problem(exchange, HttpStatus.FORBIDDEN, "forbidden", "problem.forbidden.needs-role", names);
            problem.setProperty("requiredRoles", roles.get());
            return problems.write(exchange, problem, Map.of());
        };
        var authorities = new JwtGrantedAuthoritiesConverter();
        authorities.setAuthoritiesClaimName("roles");
        authorities.setAuthorityPrefix("ROLE_");
        var authentication = new JwtAuthenticationConverter();
        authentication.setJwtGrantedAuthoritiesConverter(authorities);

        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                // Nothing here signs in through a redirect, so no request is ever saved to be replayed. Spring Security's
                // default cache looked for one in a web session on every request: a new session with a random id, made
                // on another thread, the rest of the request then handed to a third (docs/benchmarks.md, stop 31).
                .requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
                .cors(c -> c.configurationSource(cors))
                .headers(h -> h
                        .frameOptions(f -> f.mode(XFrameOptionsServerHttpHeadersWriter.Mode.DENY))
                        .referrerPolicy(r -> r.policy(ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy.NO_REFERRER))
                        .permissionsPolicy(p -> p.policy("geolocation=(), camera=(), microphone=()")))
                .authorizeExchange(exchanges -> {
                    // health and metrics answer on the management port only (on the public port they are 404)
                    exchanges.pathMatchers("/auth/token", "/.well-known/jwks.json", "/livez", "/readyz",
                            "/actuator/health", "/actuator/health/**", "/actuator/info", "/actuator/prometheus",
                            "/v3/api-docs/**", "/swagger-ui.html",
                            "/swagger-ui/**", "/webjars/**", "/fallback/**").permitAll();
                    exchanges.pathMatchers(HttpMethod.GET, "/api/labels").permitAll();
                    RouteRoles.apply(exchanges);
                    exchanges.pathMatchers("/api/**").authenticated();
                    exchanges.pathMatchers(PageRoutes.NOT_PAGES).denyAll();
                    // Pages: the web module signs people in and checks roles itself (and the API again).
                    exchanges.anyExchange().permitAll();
                })
                .oauth2ResourceServer(o -> o
                        .bearerTokenConverter(GatewaySecurityConfiguration::bearerToken)
                        .jwt(jwt -> jwt.jwtDecoder(jwtDecoder)
                                .jwtAuthenticationConverter(new ReactiveJwtAuthenticationConverterAdapter(authentication)))
                        .authenticationEntryPoint(unauthenticated)
                        .accessDeniedHandler(denied))
                .exceptionHandling(e -> e.authenticationEntryPoint(unauthenticated).accessDeniedHandler(denied))
                .build();
    }

    /**
     * The bearer token from the Authorization header only, as Spring Security's default converter takes it (the
     * same rule, {@link BearerHeader}, without its regular expression and its merge of three possible sources).
     */
    static Mono<Authentication> bearerToken(ServerWebExchange exchange) {
        String authorization = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        if (!BearerHeader.isBearer(authorization)) {
            return Mono.empty();
        }
        String token = BearerHeader.wellFormedToken(authorization);
        return token == null
                ? Mono.error(new OAuth2AuthenticationException(BearerTokenErrors.invalidToken("Bearer token is malformed")))
                : Mono.just(new BearerTokenAuthenticationToken(token));
    }

    /** Spring Security's strict firewall, its header rule checked without a regular expression ({@link HeaderText}). */
    @Bean
    public ServerWebExchangeFirewall exchangeFirewall() {
        StrictServerWebExchangeFirewall firewall = new StrictServerWebExchangeFirewall();
        firewall.setAllowedHeaderNames(HeaderText::allowedName);
        firewall.setAllowedHeaderValues(HeaderText::allowedValue);
        return firewall;
    }

    /**
     * RS256 only (an {@code alg: none} or HMAC token never verifies), from the built-in issuer's own
     * key in the local stack or from the external issuer's JWK set otherwise; then issuer, audience
     * and lifetime (with a small clock skew) are checked on every request; a verified signature is
     * remembered for a few minutes ({@link VerifiedTokens}).
     */
    @Bean
    public ReactiveJwtDecoder jwtDecoder(IssuerProperties issuer, ObjectProvider<SigningKey> localKey,
                                         @Value("${shangliang.jwt.jwk-set-uri:}") String jwkSetUri,
                                         @Value("${shangliang.jwt.clock-skew:30s}") Duration clockSkew) {
        Optional<SigningKey> key = Optional.ofNullable(localKey.getIfAvailable());
        NimbusReactiveJwtDecoder decoder = key.isPresent()
                ? NimbusReactiveJwtDecoder.withPublicKey(key.get().publicKey()).signatureAlgorithm(SignatureAlgorithm.RS256).build()
                : NimbusReactiveJwtDecoder.withJwkSetUri(requireText(jwkSetUri)).jwsAlgorithm(SignatureAlgorithm.RS256).build();
        List<OAuth2TokenValidator<Jwt>> validators = List.of(
                new JwtTimestampValidator(clockSkew),
                new JwtClaimValidator<Object>(JwtClaimNames.EXP, exp -> exp != null),
                new JwtIssuerValidator(issuer.issuer()),
                new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
                        aud -> aud != null && aud.contains(issuer.audience())),
                new JwtClaimValidator<String>(JwtClaimNames.SUB, sub -> sub != null && !sub.isBlank()));
        // the signature is checked once per token (VerifiedTokens), everything else on every request
        decoder.setJwtValidator(jwt -> OAuth2TokenValidatorResult.success());
        return new VerifiedTokens(decoder, new DelegatingOAuth2TokenValidator<>(validators));
    }

    /** CORS only for configured origins; credentials are never allowed together with "*". */
    @Bean
    public CorsConfigurationSource corsConfigurationSource(
            @Value("${shangliang.gateway.cors.allowed-origins:}") List<String> origins) {
        var source = new UrlBasedCorsConfigurationSource();
        List<String> allowed = origins.stream().map(String::trim).filter(o -> !o.isEmpty()).toList();
        if (!allowed.isEmpty()) {
            var cors = new CorsConfiguration();
            cors.setAllowedOrigins(allowed);
            cors.setAllowedMethods(List.of("GET", "POST", "PUT", "DELETE", "OPTIONS"));
            cors.setAllowedHeaders(List.of("Authorization", "Content-Type", "Accept-Language", "X-Request-Id",
                    "Last-Event-ID"));
            cors.setExposedHeaders(List.of("X-Request-Id", "Location", "Retry-After"));
            cors.setAllowCredentials(!allowed.contains("*"));
            cors.setMaxAge(Duration.ofHours(1));
            source.registerCorsConfiguration("/**", cors);
        }
        return source;
    }

    private static String requireText(String jwkSetUri) {
        if (jwkSetUri == null || jwkSetUri.isBlank()) {
            throw new IllegalStateException("Set JWT_JWK_SET_URI (shangliang.jwt.jwk-set-uri) to the OIDC provider's "
                    + "JWK set, or run the local profile with its built-in issuer");
        }
        return jwkSetUri;
    }
}
