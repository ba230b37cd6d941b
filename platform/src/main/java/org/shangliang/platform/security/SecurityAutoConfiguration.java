package org.shangliang.platform.security;

import java.util.ArrayList;
import java.util.List;

import org.shangliang.contracts.http.BearerHeader;
import org.shangliang.contracts.http.HeaderText;
import org.shangliang.platform.web.Problems;
import org.shangliang.platform.web.WebAutoConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerProperties;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.BearerTokenErrors;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.util.StringUtils;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Every service is an OAuth2 resource server: it validates the bearer token itself (signature,
 * issuer, audience, expiry), even behind the gateway. Unauthenticated calls are 401 and forbidden
 * ones 403, both as Problem Details.
 */
@AutoConfiguration(after = WebAutoConfiguration.class, before = OAuth2ResourceServerAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableMethodSecurity
@EnableConfigurationProperties(OAuth2ResourceServerProperties.class)
public class SecurityAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(SecurityFilterChain.class)
    public SecurityFilterChain platformSecurity(HttpSecurity http, Problems problems) throws Exception {
        AuthenticationEntryPoint unauthenticated = (request, response, e) -> {
            response.setHeader("WWW-Authenticate", "Bearer");
            problems.write(request, response, HttpStatus.UNAUTHORIZED, "unauthenticated",
                    "problem.unauthenticated.detail", "A valid bearer token is required");
        };
        AccessDeniedHandler denied = (request, response, e) -> problems.write(request, response,
                HttpStatus.FORBIDDEN, "forbidden", "problem.forbidden.role", "Your role does not allow this");
        http.authorizeHttpRequests(auth -> auth
                        .requestMatchers("/actuator/health/**", "/actuator/info", "/actuator/prometheus", "/livez", "/readyz",
                                "/v3/api-docs/**", "/error")
                        .permitAll()
                        .requestMatchers("/api/**").authenticated()
                        .anyRequest().denyAll())
                .oauth2ResourceServer(o -> o.jwt(jwt -> { })
                        .authenticationEntryPoint(unauthenticated)
                        .accessDeniedHandler(denied))
                .exceptionHandling(e -> e.authenticationEntryPoint(unauthenticated).accessDeniedHandler(denied))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(c -> c.disable())
                .requestCache(c -> c.disable());
        return http.build();
    }

    /**
     * What the gateway requires of a token, required here too (Spring Boot adds it to the decoder's
     * own checks of signature, issuer, audience and lifetime): an expiry, so no token lives forever,
     * and a subject, so every request names who made it.
     */
    @Bean
    public OAuth2TokenValidator<Jwt> expiryAndSubjectRequired() {
        return new DelegatingOAuth2TokenValidator<>(
                new JwtClaimValidator<Object>(JwtClaimNames.EXP, exp -> exp != null),
                new JwtClaimValidator<String>(JwtClaimNames.SUB, sub -> sub != null && !sub.isBlank()));
    }

    /**
     * Spring Boot's decoder (the issuer's JWK set, its algorithms; issuer, audiences, lifetime and the validators
     * above checked), except that a verified signature is remembered for a few minutes ({@link VerifiedTokens}):
     * everything but the signature is still checked on every request.
     */
    @Bean
    @ConditionalOnMissingBean(JwtDecoder.class)
    public JwtDecoder jwtDecoder(OAuth2ResourceServerProperties properties,
                                 ObjectProvider<OAuth2TokenValidator<Jwt>> additionalValidators) {
        OAuth2ResourceServerProperties.Jwt jwt = properties.getJwt();
        if (!StringUtils.hasText(jwt.getJwkSetUri())) {
            throw new IllegalStateException("spring.security.oauth2.resourceserver.jwt.jwk-set-uri is required: "
                    + "the issuer's keys, which every service checks tokens against");
        }
        NimbusJwtDecoder signatureCheck = NimbusJwtDecoder.withJwkSetUri(jwt.getJwkSetUri())
                .jwsAlgorithms(algorithms -> jwt.getJwsAlgorithms().forEach(a -> algorithms.add(algorithm(a)))).build();
        signatureCheck.setJwtValidator(token -> OAuth2TokenValidatorResult.success());
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        if (StringUtils.hasText(jwt.getIssuerUri())) {
            validators.add(new JwtIssuerValidator(jwt.getIssuerUri()));
        }
        if (!jwt.getAudiences().isEmpty()) {
            validators.add(new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
                    aud -> aud != null && aud.stream().anyMatch(jwt.getAudiences()::contains)));
        }
        additionalValidators.orderedStream().forEach(validators::add);
        return new VerifiedTokens(signatureCheck, JwtValidators.createDefaultWithValidators(validators));
    }

    private static SignatureAlgorithm algorithm(String name) {
        SignatureAlgorithm algorithm = SignatureAlgorithm.from(name);
        if (algorithm == null) {
            throw new IllegalStateException("spring.security.oauth2.resourceserver.jwt.jws-algorithms: unknown algorithm " + name);
        }
        return algorithm;
    }

    /**
     * The bearer token from the Authorization header only, as Spring Security's default reader takes it (the
     * same rule, {@link BearerHeader}, without its regular expression).
     */
    @Bean
    @ConditionalOnMissingBean(BearerTokenResolver.class)
    public BearerTokenResolver bearerTokenResolver() {
        return request -> {
            String authorization = request.getHeader("Authorization");
            if (!BearerHeader.isBearer(authorization)) {
                return null;
            }
            String token = BearerHeader.wellFormedToken(authorization);
            if (token == null) {
                throw new OAuth2AuthenticationException(BearerTokenErrors.invalidToken("Bearer token is malformed"));
            }
            return token;
        };
    }

    /** Spring Security's strict firewall, its header rule checked without a regular expression ({@link HeaderText}). */
    @Bean
    @ConditionalOnMissingBean(HttpFirewall.class)
    public HttpFirewall httpFirewall() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowedHeaderNames(HeaderText::allowedName);
        firewall.setAllowedHeaderValues(HeaderText::allowedValue);
        return firewall;
    }

    @Bean
    public WebMvcConfigurer currentUserResolver() {
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new CurrentUserArgumentResolver());
            }
        };
    }
}
