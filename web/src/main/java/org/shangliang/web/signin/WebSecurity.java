package org.shangliang.web.signin;

import java.time.Duration;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.shangliang.web.GatewayProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.context.DelegatingSecurityContextRepository;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * Who may open which page. Pages need a signed-in person; committee and staff pages need their
 * role (the API checks again, and the services check the fine rules). Forms carry a CSRF token kept
 * in an HttpOnly cookie, so a form sent after the session expired still reaches the sign-in step with
 * what was typed. The session cookie is HttpOnly and SameSite=Lax (set in application.yml).
 *
 * <p>People sign in either with the local stack's built-in issuer (a password form here) or, when
 * {@code OIDC_ISSUER_URI} is set, at that OpenID provider with the authorization-code flow and PKCE
 * ({@link ProviderSignIn}). Either way the session ends up holding a {@link SignedIn} with the API token.
 */
@Configuration(proxyBeanMethods = false)
public class WebSecurity {

    private static final Logger log = LoggerFactory.getLogger(WebSecurity.class);

    @Bean
    SecurityFilterChain pages(HttpSecurity http, GatewaySignIn signIn, ProviderSignIn provider,
                              SecurityContextRepository contexts, JwtDecoder tokens) throws Exception {
        var csrfCookie = new CookieCsrfTokenRepository();
        csrfCookie.setCookieName("SHANGLIANG_CSRF");
        csrfCookie.setCookieCustomizer(c -> c.sameSite("Lax").path("/"));
        var denied = new AccessDeniedHandlerImpl();
        denied.setErrorPage("/forbidden");
        AuthenticationSuccessHandler backToThePage = (request, response, authentication) ->
                response.sendRedirect(Continuation.takePage(request.getSession(false)));
        http
                .securityContext(c -> c.securityContextRepository(contexts))
                .authorizeHttpRequests(pages -> pages
                        .requestMatchers("/login", "/login/**", "/oauth2/**", "/assets/**", "/actuator/health",
                                "/actuator/health/**", "/actuator/info", "/actuator/prometheus", "/livez", "/readyz", "/error",
                                "/display", "/favicon.ico").permitAll()
                        .requestMatchers("/review", "/review/**", "/committee/**").hasRole("COMMITTEE")
                        .requestMatchers(HttpMethod.POST, "/topics/*/review").hasRole("COMMITTEE")
                        .requestMatchers(HttpMethod.POST, "/topics/*/progress", "/topics/*/completion").hasRole("STAFF")
                        .requestMatchers(HttpMethod.POST, "/topics/*/follow-ups").hasAnyRole("COMMITTEE", "STAFF")
                        .requestMatchers("/monitor/**").hasAnyRole("COMMITTEE", "STAFF")
                        .requestMatchers("/dashboard", "/dashboard.csv").hasAnyRole("COMMITTEE", "STAFF")
                        .requestMatchers("/staff/**").hasRole("STAFF")
                        .anyRequest().authenticated())
                .csrf(csrf -> csrf.csrfTokenRepository(csrfCookie))
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((request, response, ex) -> {
                            if (request.getRequestURI().equals("/inbox/stream")) {
                                response.sendError(401); // the browser's EventSource stops; the next page asks to sign in
                                return;
                            }
                            // A session cookie that no longer names a session: it expired (or the server restarted).
                            boolean expired = request.getRequestedSessionId() != null && !request.isRequestedSessionIdValid();
                            Continuation.remember(request);
                            response.sendRedirect(expired ? "/login?expired" : "/login");
                        })
                        .accessDeniedHandler(denied));
        String formAction = "'self'";
        if (provider.enabled()) {
            // The provider's pages take the name and password; this site gets a code and, with its
            // PKCE verifier, the tokens. Sign-out ends the provider's session too.
            formAction += " " + provider.origin();
            var authorized = new HttpSessionOAuth2AuthorizedClientRepository();
            http.oauth2Login(login -> login.loginPage("/login")
                            .clientRegistrationRepository(provider)
                            .authorizedClientRepository(authorized)
                            .successHandler((request, response, authentication) -> {
                                signInWithProviderToken(request, response, authentication, authorized, contexts, tokens);
                                backToThePage.onAuthenticationSuccess(request, response, authentication);
                            })
                            .failureHandler((request, response, e) -> {
                                log.warn("Sign-in at the identity provider failed: {}", e.getMessage());
                                response.sendRedirect("/login?error=" + (e instanceof OAuth2AuthenticationException o
                                        && "access_denied".equals(o.getError().getErrorCode()) ? "bad" : "down"));
                            }))
                    .logout(out -> out.logoutUrl("/logout").logoutSuccessHandler(provider.signOut()));
        } else {
            http.authenticationProvider(signIn)
                    .formLogin(form -> form.loginPage("/login")
                            .successHandler(backToThePage)
                            .failureHandler((request, response, e) -> response.sendRedirect("/login?error=" + reason(e)))
                            .permitAll())
                    .logout(out -> out.logoutUrl("/logout").logoutSuccessUrl("/login?signedOut"));
        }
        String policy = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
                + "connect-src 'self'; form-action " + formAction + "; frame-ancestors 'none'; base-uri 'self'";
        return http
                .headers(h -> h
                        .frameOptions(f -> f.deny())
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN))
                        .contentSecurityPolicy(csp -> csp.policyDirectives(policy)))
                .build();
    }

    /**
     * The provider signed the person in: the session keeps a {@link SignedIn} made from the access
     * token the gateway will see (its roles, community and home), as with the built-in issuer, and the
     * ID token for sign-out. The provider's user and the authorized client are not kept.
     */
    private static void signInWithProviderToken(HttpServletRequest request, HttpServletResponse response,
                                                Authentication authentication,
                                                HttpSessionOAuth2AuthorizedClientRepository authorized,
                                                SecurityContextRepository contexts, JwtDecoder tokens) {
        OAuth2AuthorizedClient client = authorized.loadAuthorizedClient(ProviderSignIn.REGISTRATION, authentication, request);
        if (client == null) {
            throw new IllegalStateException("The provider signed the person in without an access token");
        }
        authorized.removeAuthorizedClient(ProviderSignIn.REGISTRATION, authentication, request, response);
        String idToken = authentication.getPrincipal() instanceof OidcUser user ? user.getIdToken().getTokenValue() : null;
        SignedIn person = GatewaySignIn.signedIn(tokens.decode(client.getAccessToken().getTokenValue()), idToken);
        SecurityContext context = SecurityContextHolder.getContextHolderStrategy().createEmptyContext();
        context.setAuthentication(person);
        SecurityContextHolder.getContextHolderStrategy().setContext(context);
        contexts.saveContext(context, request, response);
    }

    /** Where the session keeps who is signed in (the same repository for both ways of signing in). */
    @Bean
    SecurityContextRepository securityContextRepository() {
        return new DelegatingSecurityContextRepository(new RequestAttributeSecurityContextRepository(),
                new HttpSessionSecurityContextRepository());
    }

    @Bean
    ProviderSignIn providerSignIn(ProviderSignIn.Settings settings) {
        return new ProviderSignIn(settings);
    }

    private static String reason(Exception e) {
        if (e instanceof GatewaySignIn.TooManyAttempts) {
            return "limited";
        }
        if (e instanceof AuthenticationServiceException) {
            return "down";
        }
        return "bad";
    }

    @Bean
    GatewaySignIn gatewaySignIn(GatewayProperties gateway, JwtDecoder tokens) {
        return new GatewaySignIn(gateway, tokens);
    }

    /** Tokens are checked against the issuer's published keys (RS256) and their lifetime. */
    @Bean
    JwtDecoder tokenDecoder(GatewayProperties gateway, @Value("${shangliang.web.jwk-set-uri:}") String jwkSetUri) {
        String uri = jwkSetUri == null || jwkSetUri.isBlank() ? gateway.url() + "/.well-known/jwks.json" : jwkSetUri;
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(uri).jwsAlgorithm(SignatureAlgorithm.RS256).build();
        decoder.setJwtValidator(new JwtTimestampValidator(Duration.ofSeconds(30)));
        return decoder;
    }

}
