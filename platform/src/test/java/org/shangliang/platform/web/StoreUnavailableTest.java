package org.shangliang.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.shangliang.infra.DocumentStore;
import org.shangliang.infra.Ports;
import org.shangliang.infra.TestInfrastructure;
import org.shangliang.infra.TestTokens;
import org.shangliang.platform.testapp.PlatformTestApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfiguration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The store goes away under a running service (it restarts, the network breaks) and comes back: in
 * between, a request answers 503 Problem Details with Retry-After in the caller's language, never a
 * bare 500; afterwards the same request works again.
 */
@SpringBootTest(classes = PlatformTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.application.name=platform-store-test", "shangliang.outbox.sweep-interval=500ms"})
@ContextConfiguration(initializers = StoreUnavailableTest.OwnStore.class)
class StoreUnavailableTest {

    private static final int STORE_PORT = Ports.free();
    private static DocumentStore store = DocumentStore.inMemory(STORE_PORT).start();

    /** The shared broker and token issuer, but a store of this test's own, which it stops and starts. */
    static class OwnStore implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("ownStore", Map.of(
                    "spring.kafka.bootstrap-servers", TestInfrastructure.kafka().bootstrapServers(),
                    "spring.mongodb.uri", store.uri("store-test"),
                    "spring.security.oauth2.resourceserver.jwt.jwk-set-uri", TestTokens.shared().jwkSetUri(),
                    "spring.security.oauth2.resourceserver.jwt.issuer-uri", TestTokens.ISSUER,
                    "spring.security.oauth2.resourceserver.jwt.audiences", TestTokens.AUDIENCE)));
        }
    }

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();
    private final String resident = TestTokens.shared().resident("li.xiulan", "李秀兰", "yuejiang",
            "yuejiang/yuejiang-xincun/31/3/301");

    @AfterAll
    static void stopStore() {
        store.close();
    }

    @Test
    void whileTheStoreIsAwayRequestsAnswer503WithRetryAfterAndWorkAgainWhenItIsBack() throws Exception {
        var created = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/samples"))
                .header("Authorization", "Bearer " + resident).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"title\": \"31号楼加装电梯\", \"scope\": \"yuejiang/yuejiang-xincun/31\"}")));
        assertThat(created.statusCode()).isEqualTo(201);
        String id = json.readTree(created.body()).get("id").asString();

        store.close();
        var zh = get("/api/samples/" + id, "zh-CN");
        assertThat(zh.statusCode()).isEqualTo(503);
        assertThat(zh.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(zh.headers().firstValue("Content-Type")).get().asString().startsWith("application/problem+json");
        JsonNode problem = json.readTree(zh.body());
        assertThat(problem.get("type").asString()).isEqualTo("urn:shangliang:problem:unavailable");
        assertThat(problem.get("title").asString()).isEqualTo("服务暂不可用");
        assertThat(problem.get("detail").asString()).isEqualTo("数据存储暂时连不上，请过几秒再试");
        var en = get("/api/samples/" + id, "en");
        assertThat(en.statusCode()).isEqualTo(503);
        assertThat(json.readTree(en.body()).get("title").asString()).isEqualTo("Service unavailable");
        var write = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/samples"))
                .header("Authorization", "Bearer " + resident).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"title\": \"98号楼晾衣架\", \"scope\": \"yuejiang/yuejiang-xincun/98\"}")));
        assertThat(write.statusCode()).isEqualTo(503);

        store = DocumentStore.inMemory(STORE_PORT).start(); // back, empty (a fresh in-memory store)
        var again = get("/api/samples/" + id, "zh-CN");
        assertThat(again.statusCode()).as(again.body()).isEqualTo(404);
    }

    private HttpResponse<String> get(String path, String language) throws Exception {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + resident).header("Accept-Language", language).GET());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
