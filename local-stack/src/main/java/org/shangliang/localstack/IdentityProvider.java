package org.shangliang.localstack;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An external OpenID Connect provider (Keycloak with the project's realm, for example) that signs
 * people in instead of the gateway's built-in issuer: {@code SHANGLIANG_OIDC_ISSUER} names its issuer
 * and {@code SHANGLIANG_OIDC_CLIENT_ID} the pages' client ({@code shangliang-web}). The gateway and
 * every service then accept its tokens only, and the pages sign in there with PKCE.
 *
 * @param issuer        the issuer, exactly as in its tokens
 * @param clientId      the pages' client
 * @param jwkSetUri     where it publishes its signing keys (from its discovery document)
 * @param tokenEndpoint where the demo world asks for tokens (password grant: the demo realm allows it)
 */
record IdentityProvider(String issuer, String clientId, String jwkSetUri, String tokenEndpoint) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The provider the environment names, read from its discovery document; empty when none is named. */
    static Optional<IdentityProvider> fromEnvironment(HttpClient http, Duration wait) throws InterruptedException {
        String issuer = System.getenv("SHANGLIANG_OIDC_ISSUER");
        if (issuer == null || issuer.isBlank()) {
            return Optional.empty();
        }
        String client = System.getenv("SHANGLIANG_OIDC_CLIENT_ID");
        return Optional.of(discover(http, issuer.trim().replaceAll("/+$", ""),
                client == null || client.isBlank() ? "shangliang-web" : client.trim(), wait));
    }

    static IdentityProvider discover(HttpClient http, String issuer, String clientId, Duration wait) throws InterruptedException {
        URI discovery = URI.create(issuer + "/.well-known/openid-configuration");
        long deadline = System.nanoTime() + wait.toNanos();
        String last = "";
        while (true) {
            try {
                var response = http.send(HttpRequest.newBuilder(discovery).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    JsonNode document = JSON.readTree(response.body());
                    if (!issuer.equals(document.path("issuer").asString(""))) {
                        throw new IllegalStateException("The provider at " + discovery + " calls itself "
                                + document.path("issuer").asString("") + ", not " + issuer);
                    }
                    return new IdentityProvider(issuer, clientId, document.path("jwks_uri").asString(),
                            document.path("token_endpoint").asString());
                }
                last = "it answered " + response.statusCode();
            } catch (IOException e) {
                last = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The identity provider " + issuer + " cannot be read at " + discovery
                        + " (" + last + ")");
            }
            Thread.sleep(1000);
        }
    }

    /** A person's access token by the password grant (the demo world only; the pages use the code flow). */
    String passwordToken(HttpClient http, String username, String password) throws IOException, InterruptedException {
        String form = "grant_type=password&client_id=" + encode(clientId) + "&username=" + encode(username)
                + "&password=" + encode(password) + "&scope=openid";
        var response = http.send(HttpRequest.newBuilder(URI.create(tokenEndpoint)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("The identity provider refused " + username + " (" + response.statusCode()
                    + "): " + response.body());
        }
        return JSON.readTree(response.body()).get("access_token").asString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
