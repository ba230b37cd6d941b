package org.shangliang.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.junit.jupiter.api.BeforeEach;
import org.shangliang.infra.TestTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The real gateway (random port) in front of four real downstream HTTP servers, trusting the test issuer. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "shangliang.gateway.resilience.timeout=1s", "shangliang.gateway.resilience.open-for=1s",
        "management.server.port=0"})
abstract class GatewayTestSupport {

    static final Downstream TOPICS = new Downstream("topic-service");
    static final Downstream MEETINGS = new Downstream("meeting-service");
    static final Downstream VOTES = new Downstream("vote-service");
    static final Downstream NOTIFICATIONS = new Downstream("notification-service");
    static final Downstream WEB = new Downstream("web");

    @LocalServerPort
    int port;

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final JsonMapper json = JsonMapper.builder().build();
    final TestTokens tokens = TestTokens.shared();

    @DynamicPropertySource
    static void downstreams(DynamicPropertyRegistry registry) {
        registry.add("TOPIC_SERVICE_URL", TOPICS::url);
        registry.add("MEETING_SERVICE_URL", MEETINGS::url);
        registry.add("VOTE_SERVICE_URL", VOTES::url);
        registry.add("NOTIFICATION_SERVICE_URL", NOTIFICATIONS::url);
        registry.add("WEB_URL", WEB::url);
        registry.add("JWT_JWK_SET_URI", () -> TestTokens.shared().jwkSetUri());
        registry.add("JWT_ISSUER", () -> TestTokens.ISSUER);
    }

    @Autowired
    ReactiveResilience4JCircuitBreakerFactory circuitBreakers;

    /** Every test starts with healthy, fast downstreams and closed circuits. */
    @BeforeEach
    void resetDownstreams() {
        List.of(TOPICS, MEETINGS, VOTES, NOTIFICATIONS, WEB).forEach(Downstream::reset);
        circuitBreakers.getCircuitBreakerRegistry().getAllCircuitBreakers().forEach(CircuitBreaker::reset);
    }

    String token(String role) {
        return tokens.token("user-" + role.toLowerCase(), "测试用户", List.of(role), "yuejiang",
                role.equals("RESIDENT") ? "yuejiang/yuejiang-xincun/31/3/601" : null);
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(20));
    }

    HttpResponse<String> send(HttpRequest.Builder builder) throws Exception {
        return http.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    HttpResponse<String> call(String method, String path, String bearer) throws Exception {
        var builder = request(path).method(method, method.equals("GET") || method.equals("DELETE")
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString("{}"));
        if (!method.equals("GET") && !method.equals("DELETE")) {
            builder.header("Content-Type", "application/json");
        }
        if (bearer != null) {
            builder.header("Authorization", "Bearer " + bearer);
        }
        return send(builder);
    }

    JsonNode body(HttpResponse<String> response) {
        return json.readTree(response.body());
    }

    /** A data folder for the built-in issuer of the {@code local} profile, with these accounts (CSV). */
    static java.nio.file.Path issuerData(String accountsCsv) {
        try {
            java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("gateway-issuer-");
            java.nio.file.Files.writeString(dir.resolve("accounts.csv"), accountsCsv);
            return dir;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The built-in issuer's settings for a data folder made by {@link #issuerData}. */
    static void localIssuer(DynamicPropertyRegistry registry, java.nio.file.Path data) {
        registry.add("SHANGLIANG_ACCOUNTS", () -> data.resolve("accounts.csv").toString());
        registry.add("SHANGLIANG_DATA", data::toString);
        registry.add("JWT_ISSUER", () -> "http://127.0.0.1:8080");
    }
}
