package org.shangliang.web.signin;

import java.net.http.HttpClient;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.shangliang.web.GatewayProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/**
 * Signs a person in with the local stack's built-in issuer ({@code POST /auth/token} at the
 * gateway): the token it answers is checked against the issuer's published keys, and its claims
 * become the session's {@link SignedIn}. The token itself never reaches the browser.
 */
public class GatewaySignIn implements AuthenticationProvider {

    private static final Logger log = LoggerFactory.getLogger(GatewaySignIn.class);

    /** Too many attempts for this name: the gateway said when to try again. */
    public static class TooManyAttempts extends AuthenticationException {
        private final long retryAfterSeconds;

        TooManyAttempts(long retryAfterSeconds) {
            super("Too many sign-in attempts");
            this.retryAfterSeconds = retryAfterSeconds;
        }

        public long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }

    private final RestClient gateway;
    private final JwtDecoder tokens;

    public GatewaySignIn(GatewayProperties properties, JwtDecoder tokens) {
        var factory = new JdkClientHttpRequestFactory(HttpClient.newBuilder()
                .connectTimeout(properties.connectTimeout()).version(HttpClient.Version.HTTP_1_1).build());
        factory.setReadTimeout(properties.readTimeout());
        this.gateway = RestClient.builder().baseUrl(properties.url()).requestFactory(factory).build();
        this.tokens = tokens;
    }

    @Override
    public Authentication authenticate(Authentication attempt) {
        String username = attempt.getName() == null ? "" : attempt.getName().trim();
        String password = attempt.getCredentials() == null ? "" : attempt.getCredentials().toString();
        if (username.isEmpty() || password.isEmpty()) {
            throw new BadCredentialsException("empty");
        }
        Map<?, ?> answer;
        try {
            answer = gateway.post().uri("/auth/token").contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("username", username, "password", password))
                    .retrieve()
                    .onStatus(HttpStatusCode::isError, (req, res) -> {
                        int status = res.getStatusCode().value();
                        if (status == 401 || status == 400) {
                            throw new BadCredentialsException("bad credentials");
                        }
                        if (status == 429) {
                            String retry = res.getHeaders().getFirst("Retry-After");
                            throw new TooManyAttempts(retry == null ? 60 : Long.parseLong(retry.trim()));
                        }
                        throw new AuthenticationServiceException("The issuer answered " + status);
                    })
                    .body(Map.class);
        } catch (ResourceAccessException e) {
            throw new AuthenticationServiceException("The gateway cannot be reached", e);
        }
        if (answer == null || !(answer.get("accessToken") instanceof String token)) {
            throw new AuthenticationServiceException("The issuer answered without a token");
        }
        return signedIn(tokens.decode(token));
    }

    static SignedIn signedIn(Jwt jwt) {
        return signedIn(jwt, null);
    }

    /** The person an API token names; {@code idToken} is the OpenID provider's, when it signed them in. */
    static SignedIn signedIn(Jwt jwt, String idToken) {
        List<String> roles = jwt.getClaimAsStringList("roles");
        Instant expires = jwt.getExpiresAt();
        log.info("Signed in: {} ({})", jwt.getSubject(), roles);
        return new SignedIn(jwt.getSubject(), jwt.getClaimAsString("name"), roles == null ? List.of() : roles,
                jwt.getClaimAsString("community"), jwt.getClaimAsString("home"), jwt.getTokenValue(), expires, idToken);
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
