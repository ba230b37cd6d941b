package org.shangliang.web.signin;

import java.time.Duration;

import org.shangliang.web.api.GatewayProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * Who may open which page. Pages need a signed-in person; committee and staff pages need their
 * role (the API checks again, and the services check the fine rules). Forms carry a CSRF token kept
 * in an HttpOnly cookie, so a form sent after the session expired still reaches the sign-in step with
 * what was typed. The session cookie is HttpOnly and SameSite=Lax (set in application.yml).
 */
@Configuration(proxyBeanMethods = false)
public class WebSecurity {

    @Bean
    SecurityFilterChain pages(HttpSecurity http, GatewaySignIn signIn) throws Exception {
        var csrfCookie = new CookieCsrfTokenRepository();
        csrfCookie.setCookieName("SHANGLIANG_CSRF");
        csrfCookie.setCookieCustomizer(c -> c.sameSite("Lax").path("/"));
        var denied = new AccessDeniedHandlerImpl();
        denied.setErrorPage("/forbidden");
        return http
                .authenticationProvider(signIn)
                .authorizeHttpRequests(pages -> pages
                        .requestMatchers("/login", "/assets/**", "/actuator/health", "/actuator/health/**",
                                "/actuator/info", "/error", "/display", "/favicon.ico").permitAll()
                        .requestMatchers("/review", "/review/**", "/committee/**").hasRole("COMMITTEE")
                        .requestMatchers(HttpMethod.POST, "/topics/*/review").hasRole("COMMITTEE")
                        .requestMatchers(HttpMethod.POST, "/topics/*/progress", "/topics/*/completion").hasRole("STAFF")
                        .requestMatchers(HttpMethod.POST, "/topics/*/follow-ups").hasAnyRole("COMMITTEE", "STAFF")
                        .requestMatchers("/monitor/**").hasAnyRole("COMMITTEE", "STAFF")
                        .requestMatchers("/dashboard", "/dashboard.csv").hasAnyRole("COMMITTEE", "STAFF")
                        .requestMatchers("/staff/**").hasRole("STAFF")
                        .anyRequest().authenticated())
                .formLogin(form -> form.loginPage("/login")
                        .successHandler((request, response, authentication) -> {
                            String page = Continuation.takePage(request.getSession(false));
                            response.sendRedirect(page);
                        })
                        .failureHandler((request, response, e) -> response.sendRedirect("/login?error=" + reason(e)))
                        .permitAll())
                .logout(out -> out.logoutUrl("/logout").logoutSuccessUrl("/login?signedOut"))
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
                        .accessDeniedHandler(denied))
                .headers(h -> h
                        .frameOptions(f -> f.deny())
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN))
                        .contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'self'; img-src 'self' data:; "
                                + "style-src 'self'; script-src 'self'; connect-src 'self'; form-action 'self'; "
                                + "frame-ancestors 'none'; base-uri 'self'")))
                .build();
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
