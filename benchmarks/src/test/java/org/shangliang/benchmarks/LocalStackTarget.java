package org.shangliang.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * The running local stack a benchmark loads: its ports (the same variables as {@code ./shangliang start}:
 * {@code GATEWAY_PORT}, {@code TOPIC_SERVICE_PORT}, ...) and residents' tokens. Thousands of distinct
 * residents cannot sign in through the demo accounts, so their tokens are signed with the stack's own key
 * ({@code $SHANGLIANG_DATA/gateway/jwt-signing-key.json}), with the issuer and audience of a token the
 * stack issued to a demo account: the gateway and the services accept them as they accept any of its tokens.
 */
final class LocalStackTarget {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    final String gateway;
    final String topics;
    private final RSAKey key;
    private final String issuer;
    private final String audience;

    private LocalStackTarget(String gateway, String topics, RSAKey key, String issuer, String audience) {
        this.gateway = gateway;
        this.topics = topics;
        this.key = key;
        this.issuer = issuer;
        this.audience = audience;
    }

    static LocalStackTarget fromEnvironment() {
        String gateway = "http://127.0.0.1:" + env("GATEWAY_PORT", "8080");
        String topics = "http://127.0.0.1:" + env("TOPIC_SERVICE_PORT", "8081");
        Path keyFile = Path.of(env("SHANGLIANG_DATA", "../.data"), "gateway", "jwt-signing-key.json");
        try {
            RSAKey key = RSAKey.parse(Files.readString(keyFile));
            String demo = post(gateway, "/auth/token", null,
                    "{\"username\":\"li.xiulan\",\"password\":\"demo2026\"}", 200);
            JWTClaimsSet issued = SignedJWT.parse(field(demo, "accessToken")).getJWTClaimsSet();
            return new LocalStackTarget(gateway, topics, key, issued.getIssuer(), issued.getAudience().get(0));
        } catch (IOException | java.text.ParseException e) {
            throw new IllegalStateException("Start the local stack first (./shangliang start; see docs/benchmarks.md): "
                    + "no signing key at " + keyFile.toAbsolutePath() + " or no gateway at " + gateway, e);
        }
    }

    /** {@code count} residents of 越江新村 building 31 (flats 101, 102, ...), each with its own token. */
    List<Map<String, Object>> residents(String prefix, int count) {
        List<Map<String, Object>> residents = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String flat = "yuejiang/yuejiang-xincun/31/" + (1 + i % 3) + "/" + (101 + i / 3);
            residents.add(Map.of("token", token(prefix + "-" + i, "居民" + i, flat)));
        }
        return residents;
    }

    /** {@link #residents} with a number each ({@code n}: 0, 1, ...), for titles that tell their topics apart. */
    List<Map<String, Object>> numberedResidents(String prefix, int count) {
        List<Map<String, Object>> numbered = new ArrayList<>(count);
        for (Map<String, Object> resident : residents(prefix, count)) {
            numbered.add(Map.of("token", resident.get("token"), "n", numbered.size()));
        }
        return numbered;
    }

    String token(String subject, String name, String home) {
        return token(subject, name, "RESIDENT", home);
    }

    /** Member {@code n} of 越江's community committee (居委会), who reviews topics. */
    String committeeToken(int n) {
        return token("bench-committee-" + n, "压测居委会委员" + n, "COMMITTEE", null);
    }

    /** A community worker (社区工作者) of 越江, who uploads its owners' roll. */
    String staffToken() {
        return token("bench-staff", "压测社区工作者", "STAFF", null);
    }

    private String token(String subject, String name, String role, String home) {
        Instant now = Instant.now();
        var builder = new JWTClaimsSet.Builder().subject(subject).issuer(issuer).audience(audience)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(Duration.ofHours(2))))
                .jwtID(UUID.randomUUID().toString()).claim("name", name).claim("roles", List.of(role))
                .claim("community", "yuejiang");
        var claims = (home == null ? builder : builder.claim("home", home)).build();
        try {
            var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A new topic proposed at {@code base} (the gateway or topic-service); its id. */
    String propose(String base, String title) {
        String answer = post(base, "/api/topics", token("bench-proposer-" + UUID.randomUUID(), "压测提议人",
                        "yuejiang/yuejiang-xincun/31/3/601"), """
                {"title": "%s", "description": "负载测试：居民联名支持。", "category": "ELEVATOR", "scope": "yuejiang/yuejiang-xincun/31/3"}"""
                .formatted(title), 201);
        return field(answer, "id");
    }

    /** The sum of a Prometheus series (all its label sets) on a service's own port, as text from /actuator/prometheus. */
    static double metric(int port, String series, String labelsContaining) {
        String url = "http://127.0.0.1:" + port + "/actuator/prometheus";
        String text = send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(), "GET " + url)
                .body();
        double sum = 0;
        for (String line : text.split("\n")) {
            if (line.startsWith(series + "{") && line.contains(labelsContaining) || line.startsWith(series + " ")) {
                double value = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                sum += Double.isNaN(value) ? 0 : value;
            }
        }
        return sum;
    }

    static int port(String variable, int fallback) {
        return Integer.parseInt(env(variable, Integer.toString(fallback)));
    }

    /** How long a call may take: the gateway's own limit (5 s) and more. */
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);
    /** How long a roll upload may take: the gateway's limit for it (2 minutes) and more. */
    static final Duration UPLOAD_TIMEOUT = Duration.ofMinutes(3);

    static String post(String base, String path, String token, String json, int expected) {
        return call(base, "POST", path, token, json, "application/json", expected, CALL_TIMEOUT);
    }

    /** A call whose answer must have the {@code expected} status: its body. */
    static String call(String base, String method, String path, String token, String body, String type, int expected,
                       Duration timeout) {
        HttpResponse<String> response = request(base, method, path, token, body, type, timeout);
        if (response.statusCode() != expected) {
            throw new IllegalStateException(method + " " + base + path + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return response.body();
    }

    /** A call and its answer, whatever its status; {@code token}, {@code body} and {@code type} may be null. */
    static HttpResponse<String> request(String base, String method, String path, String token, String body, String type,
                                        Duration timeout) {
        var request = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (type != null) {
            request.header("Content-Type", type);
        }
        return send(request.build(), method + " " + base + path);
    }

    private static HttpResponse<String> send(HttpRequest request, String what) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(what + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The first string field of that name in a JSON answer. */
    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("No " + name + " in " + json);
        }
        return m.group(1);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
