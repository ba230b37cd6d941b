package org.shangliang.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.shangliang.infra.TestTokens;
import org.shangliang.platform.PlatformIntegrationTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ProblemDetailsAndRequestIdTest extends PlatformIntegrationTest {

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();
    private final String resident = TestTokens.shared().resident("li.xiulan", "李秀兰", "yuejiang",
            "yuejiang/yuejiang-xincun/31/3/301");

    @Test
    void noTokenIsA401ProblemInChineseByDefaultAndInEnglishOnRequest() throws Exception {
        var zh = send(request("/api/samples/x").GET());
        assertThat(zh.statusCode()).isEqualTo(401);
        assertThat(zh.headers().firstValue("Content-Type")).get().asString().startsWith("application/problem+json");
        JsonNode problem = json.readTree(zh.body());
        assertThat(problem.get("title").asString()).isEqualTo("未登录或登录已失效");
        assertThat(problem.get("type").asString()).isEqualTo("urn:shangliang:problem:unauthenticated");
        assertThat(problem.get("status").asInt()).isEqualTo(401);
        assertThat(problem.get("detail").asString()).isNotBlank();

        var en = send(request("/api/samples/x").header("Accept-Language", "en").GET());
        assertThat(json.readTree(en.body()).get("title").asString()).isEqualTo("Not signed in");
    }

    @Test
    void expiredOrForeignTokensAre401() throws Exception {
        var tokens = TestTokens.shared();
        String expired = tokens.sign(tokens.claims("li.xiulan", "李秀兰", List.of("RESIDENT"), "yuejiang", null,
                Instant.now().minus(Duration.ofHours(3)), Duration.ofHours(1)).build());
        String wrongAudience = tokens.sign(tokens.claims("li.xiulan", "李秀兰", List.of("RESIDENT"), "yuejiang", null,
                Instant.now(), Duration.ofHours(1)).audience("somebody-else").build());
        assertThat(send(request("/api/samples/x").header("Authorization", "Bearer " + expired).GET()).statusCode())
                .isEqualTo(401);
        assertThat(send(request("/api/samples/x").header("Authorization", "Bearer " + wrongAudience).GET())
                .statusCode()).isEqualTo(401);
    }

    @Test
    void aMissingRoleIsA403Problem() throws Exception {
        var response = send(authorized("/api/samples/x/review").POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(json.readTree(response.body()).get("title").asString()).isEqualTo("无权操作");
    }

    @Test
    void invalidFieldsAreListedOneByOne() throws Exception {
        var response = send(authorized("/api/samples").header("Content-Type", "application/json")
                .header("Accept-Language", "en")
                .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"\",\"scope\":null}")));
        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.get("type").asString()).isEqualTo("urn:shangliang:problem:validation");
        assertThat(problem.get("errors").valueStream().map(e -> e.get("field").asString()).toList())
                .containsExactlyInAnyOrder("title", "scope");
        assertThat(problem.get("errors").get(0).get("message").asString()).isNotBlank();
    }

    @Test
    void malformedJsonIsA400Problem() throws Exception {
        var response = send(authorized("/api/samples").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"title\": ")));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).get().asString().startsWith("application/problem+json");
        assertThat(json.readTree(response.body()).get("title").asString()).isEqualTo("请求无效");
    }

    @Test
    void unknownIdsAre404Problems() throws Exception {
        var response = send(authorized("/api/samples/does-not-exist").GET());
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json.readTree(response.body()).get("detail").asString()).contains("does-not-exist");
    }

    @Test
    void bodiesOverOneMebibyteAre413() throws Exception {
        String big = "{\"title\":\"" + "长".repeat(400_000) + "\",\"scope\":\"yuejiang\"}";
        var response = send(authorized("/api/samples").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(big)));
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(json.readTree(response.body()).get("status").asInt()).isEqualTo(413);
    }

    @Test
    void theClientsRequestIdIsEchoedAndTravelsIntoTheEventsTheRequestCaused() throws Exception {
        String requestId = "walkthrough-" + System.nanoTime();
        var response = send(authorized("/api/samples").header("Content-Type", "application/json")
                .header("X-Request-Id", requestId)
                .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"31号楼充电棚\",\"scope\":\"yuejiang\"}")));
        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers().firstValue("X-Request-Id")).hasValue(requestId);
        String id = json.readTree(response.body()).get("id").asString();

        var records = read("shangliang.topics", r -> id.equals(r.key()), 1, Duration.ofSeconds(20));
        assertThat(records).hasSize(1);
        assertThat(new String(records.get(0).headers().lastHeader("ce_requestid").value(), StandardCharsets.UTF_8))
                .isEqualTo(requestId);
    }

    @Test
    void anUnsafeRequestIdIsReplacedWithANewOne() throws Exception {
        var response = send(authorized("/api/samples/x").header("X-Request-Id", "bad id\twith<script>").GET());
        String echoed = response.headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(echoed).doesNotContain("script").matches("[0-9a-f-]{36}");
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(20));
    }

    private HttpRequest.Builder authorized(String path) {
        return request(path).header("Authorization", "Bearer " + resident);
    }

    private HttpResponse<String> send(HttpRequest.Builder builder) throws Exception {
        return http.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
