package org.shangliang.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A real Keycloak ({@code org.keycloak:keycloak-quarkus-dist}, unpacked by Maven into
 * {@code target/keycloak}) in dev mode on a free port with its own H2 database, importing the
 * project's realm file ({@code deploy/keycloak/shangliang-realm.json}) with one change: the pages'
 * client may send people back to this test's gateway port.
 */
final class Keycloak implements AutoCloseable {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final Process process;
    private final int port;
    private final String adminPassword = UUID.randomUUID().toString();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Path log;

    private Keycloak(Path home, Path realmFile, int gatewayPort) throws IOException, InterruptedException {
        if (!Files.isRegularFile(home.resolve("bin/kc.sh"))) {
            throw new IllegalStateException("No Keycloak at " + home + ": run the e2e tests through Maven, which unpacks "
                    + "org.keycloak:keycloak-quarkus-dist there (e2e-tests/pom.xml)");
        }
        Path data = home.resolve("data");
        if (Files.exists(data)) {
            try (var files = Files.walk(data)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Files.createDirectories(data.resolve("import"));
        ObjectNode realm = (ObjectNode) JSON.readTree(Files.readString(realmFile));
        for (JsonNode client : realm.get("clients")) {
            if (client.get("clientId").asString().equals("shangliang-web")) {
                ((ObjectNode) client).putArray("redirectUris").add("http://127.0.0.1:" + gatewayPort + "/*");
            }
        }
        Files.writeString(data.resolve("import/shangliang-realm.json"), JSON.writeValueAsString(realm));
        port = RunningStack.freePort();
        log = Path.of("target", "keycloak.log").toAbsolutePath();
        String java = ProcessHandle.current().info().command().orElseThrow();
        var builder = new ProcessBuilder("bash", home.resolve("bin/kc.sh").toString(), "start-dev",
                "--http-host", "127.0.0.1", "--http-port", Integer.toString(port), "--import-realm")
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("JAVA_HOME", Path.of(java).getParent().getParent().toString());
        builder.environment().put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
        builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
        builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword);
        process = builder.start();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
        while (!answers(issuer() + "/.well-known/openid-configuration")) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                close();
                throw new IllegalStateException("Keycloak did not start; its log: " + log + "\n" + Files.readString(log));
            }
            Thread.sleep(1000);
        }
    }

    /** Starts Keycloak with the project's realm; people may come back to the gateway on {@code gatewayPort}. */
    static Keycloak start(int gatewayPort) throws IOException, InterruptedException {
        Path home = Path.of(System.getProperty("shangliang.keycloak.home", "target/keycloak/none"));
        Path project = Path.of(System.getProperty("shangliang.home", ".."));
        return new Keycloak(home, project.resolve("deploy/keycloak/shangliang-realm.json"), gatewayPort);
    }

    String issuer() {
        return realm("shangliang");
    }

    String realm(String name) {
        return "http://127.0.0.1:" + port + "/realms/" + name;
    }

    /** A token by the password grant (the demo realm allows it for the pages' client). */
    String token(String realm, String client, String username, String password) throws IOException, InterruptedException {
        var response = post(realm(realm) + "/protocol/openid-connect/token", Map.of("grant_type", "password",
                "client_id", client, "username", username, "password", password, "scope", "openid"));
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Keycloak refused a token for " + username + " of " + client + ": " + response.body());
        }
        return JSON.readTree(response.body()).get("access_token").asString();
    }

    String token(String username) throws IOException, InterruptedException {
        return token("shangliang", "shangliang-web", username, "demo2026");
    }

    /** The administrator of the master realm (another realm than the platform's). */
    String masterAdminToken() throws IOException, InterruptedException {
        return token("master", "admin-cli", "admin", adminPassword);
    }

    /**
     * Signs a person in to Keycloak's own account console the way its page does (authorization code
     * with PKCE; the login form filled in as a browser would), and answers the console's access token:
     * what a resident holds when they edit their account.
     */
    String accountConsoleToken(String username) throws IOException, InterruptedException {
        // Keycloak marks its cookies Secure; java.net's CookieManager then keeps them from plain HTTP,
        // which a browser allows on 127.0.0.1. So the cookies are carried by hand.
        var browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5)).build();
        String redirect = issuer() + "/account/";
        byte[] secret = new byte[48];
        new SecureRandom().nextBytes(secret);
        String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        String challenge;
        try {
            challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        String authorize = issuer() + "/protocol/openid-connect/auth?" + form(Map.of("client_id", "account-console",
                "redirect_uri", redirect, "response_type", "code", "scope", "openid", "state", "e2e",
                "code_challenge", challenge, "code_challenge_method", "S256"));
        var page = browser.send(HttpRequest.newBuilder(URI.create(authorize)).build(), HttpResponse.BodyHandlers.ofString());
        Matcher action = Pattern.compile("<form[^>]*action=\"([^\"]+)\"").matcher(page.body());
        if (!action.find()) {
            throw new IllegalStateException("No sign-in form on Keycloak's page: " + page.body());
        }
        String cookies = page.headers().allValues("Set-Cookie").stream().map(c -> c.split(";", 2)[0])
                .collect(Collectors.joining("; "));
        var signedIn = browser.send(HttpRequest.newBuilder(URI.create(action.group(1).replace("&amp;", "&")))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", cookies)
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("username", username, "password", "demo2026"))))
                .build(), HttpResponse.BodyHandlers.ofString());
        String location = signedIn.headers().firstValue("Location").orElseThrow(
                () -> new IllegalStateException("Keycloak did not sign " + username + " in: " + signedIn.body()));
        Matcher code = Pattern.compile("[?&]code=([^&]+)").matcher(location);
        if (!code.find()) {
            throw new IllegalStateException("No code in " + location);
        }
        var tokens = post(issuer() + "/protocol/openid-connect/token", Map.of("grant_type", "authorization_code",
                "client_id", "account-console", "code", code.group(1), "redirect_uri", redirect, "code_verifier", verifier));
        return JSON.readTree(tokens.body()).get("access_token").asString();
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> post(String url, Map<String, String> fields) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(fields))));
    }

    private static String form(Map<String, String> fields) {
        return new LinkedHashMap<>(fields).entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private boolean answers(String url) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
