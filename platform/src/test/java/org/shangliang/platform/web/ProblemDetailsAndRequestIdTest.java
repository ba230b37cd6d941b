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
import org.shangliang.platform.security.VerifiedTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;
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

    /**
     * A signature verified once is remembered, the token never: a token from another issuer, one whose payload was
     * changed after signing and a malformed header are refused every time, next to a good token accepted each time.
     */
    @Test
    void onlyAGoodTokenIsAcceptedHoweverOftenTheOthersComeBack() throws Exception {
        var tokens = TestTokens.shared();
        String otherIssuer = tokens.sign(tokens.claims("li.xiulan", "李秀兰", List.of("RESIDENT"), "yuejiang", null,
                Instant.now(), Duration.ofHours(1)).issuer("http://elsewhere.example").build());
        String[] parts = resident.split("\\.");
        String changed = parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(java.util.Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                        .replace("li.xiulan", "wang.jianguo").getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        for (int round = 0; round < 2; round++) {
            assertThat(send(authorized("/api/samples/unknown").GET()).statusCode()).isEqualTo(404);
            for (String header : List.of("Bearer " + otherIssuer, "Bearer " + changed, "Bearer " + resident + " x",
                    "Bearer " + resident.replace('.', '!'))) {
                assertThat(send(request("/api/samples/x").header("Authorization", header).GET()).statusCode())
                        .as(header).isEqualTo(401);
            }
        }
    }

    /** A malformed bearer header is refused even where no token is needed; another scheme there is not a bearer token. */
    @Test
    void aMalformedBearerHeaderIsA401EvenOnAProbe() throws Exception {
        assertThat(send(request("/livez").header("Authorization", "Bearer a b").GET()).statusCode()).isEqualTo(401);
        assertThat(send(request("/livez").header("Authorization", "Bearer").GET()).statusCode()).isEqualTo(401);
        assertThat(send(request("/livez").header("Authorization", "Basic bGkueGl1bGFuOmRlbW8yMDI2").GET()).statusCode())
                .isEqualTo(200);
    }

    /** The token checks this platform adds are the ones Spring Security runs: remembered signatures, its header rules. */
    @Test
    void theServiceChecksTokensAndHeadersWithThePlatformsOwnReaders(@Autowired ApplicationContext context) {
        assertThat(context.getBean(JwtDecoder.class)).isInstanceOf(VerifiedTokens.class);
        assertThat(context.getBean(BearerTokenResolver.class)).isNotInstanceOf(DefaultBearerTokenResolver.class);
        assertThat(context.getBean(HttpFirewall.class)).isInstanceOf(StrictHttpFirewall.class);
    }

    /** A service called directly checks what the gateway checks: a token never expiring or naming nobody is refused. */
    @Test
    void tokensWithoutExpiryOrSubjectAre401NotA500() throws Exception {
        var tokens = TestTokens.shared();
        String forever = tokens.sign(tokens.claims("li.xiulan", "李秀兰", List.of("RESIDENT"), "yuejiang", null,
                Instant.now(), Duration.ofHours(1)).expirationTime(null).build());
        String nobody = tokens.sign(tokens.claims("li.xiulan", "李秀兰", List.of("RESIDENT"), "yuejiang", null,
                Instant.now(), Duration.ofHours(1)).subject(null).build());
        assertThat(send(request("/api/samples/x").header("Authorization", "Bearer " + forever).GET()).statusCode())
                .isEqualTo(401);
        assertThat(send(request("/api/samples/x").header("Authorization", "Bearer " + nobody).GET()).statusCode())
                .isEqualTo(401);
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
        assertThat(problem.get("errors").valueStream().map(e -> e.get("message").asString()).toList())
                .contains("is required and must not be blank");

        var zh = send(authorized("/api/samples").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"" + "长".repeat(101) + "\",\"scope\":null}")));
        assertThat(json.readTree(zh.body()).get("errors").valueStream().map(e -> e.get("field").asString() + ": "
                + e.get("message").asString()).toList())
                .containsExactlyInAnyOrder("title: 长度或个数须在 0 到 100 之间", "scope: 必须填写，不能为空");
    }

    @Test
    void malformedJsonIsA400Problem() throws Exception {
        var response = send(authorized("/api/samples").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"title\": ")));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).get().asString().startsWith("application/problem+json");
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.get("title").asString()).isEqualTo("请求无效");
        assertThat(problem.get("detail").asString()).startsWith("请求内容不是有效的 JSON（第 1 行").doesNotContain("Failed");
    }

    @Test
    void aValueOutsideAnEnumerationNamesTheFieldTheValueAndTheValuesAllowed() throws Exception {
        JsonNode zh = json.readTree(post("{\"title\":\"加装电梯\",\"scope\":\"yuejiang\",\"category\":\"LIFT\"}", null).body());
        assertThat(zh.get("type").asString()).isEqualTo("urn:shangliang:problem:validation");
        JsonNode error = zh.get("errors").get(0);
        assertThat(error.get("field").asString()).isEqualTo("category");
        assertThat(error.get("value").asString()).isEqualTo("LIFT");
        assertThat(error.get("allowed").valueStream().map(JsonNode::asString).toList()).contains("ELEVATOR", "PARKING");
        assertThat(error.get("message").asString()).contains("LIFT", "ELEVATOR").doesNotContain("Failed", "Cannot");

        JsonNode en = json.readTree(post("{\"title\":\"t\",\"scope\":\"yuejiang\",\"participants\":"
                + "[{\"name\":\"王建国\",\"affiliation\":\"RESIDENT_REP\"},{\"name\":\"陆晓峰\",\"affiliation\":\"BOSS\"}]}",
                "en").body());
        assertThat(en.get("errors").get(0).get("field").asString()).isEqualTo("participants[1].affiliation");
        assertThat(en.get("errors").get(0).get("message").asString()).startsWith("\"BOSS\" is not allowed; choose one of:");
    }

    @Test
    void anUnknownQueryParameterIsA400NamingItAndTheOnesTheEndpointTakes() throws Exception {
        var typo = send(authorized("/api/samples?stauts=VOTING").GET());
        assertThat(typo.statusCode()).isEqualTo(400);
        JsonNode problem = json.readTree(typo.body());
        assertThat(problem.get("detail").asString()).isEqualTo("这个接口没有参数 stauts；可用的参数：status");
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("stauts");
        assertThat(problem.get("errors").get(0).get("allowed").get(0).asString()).isEqualTo("status");
        assertThat(send(authorized("/api/samples?status=VOTING").GET())
                .statusCode()).isEqualTo(200);
    }

    @Test
    void aTimeOrNumberThatCannotBeReadSaysWhatItShouldBe() throws Exception {
        JsonNode time = json.readTree(post("{\"title\":\"t\",\"scope\":\"yuejiang\",\"startsAt\":\"2026-12-01 19:30\"}",
                null).body()).get("errors").get(0);
        assertThat(time.get("field").asString()).isEqualTo("startsAt");
        assertThat(time.get("value").asString()).isEqualTo("2026-12-01 19:30");
        assertThat(time.get("message").asString()).contains("ISO-8601", "2026-12-01T19:30:00+08:00");

        JsonNode number = json.readTree(post("{\"title\":\"t\",\"scope\":\"yuejiang\",\"capacity\":\"三十\"}", "en")
                .body()).get("errors").get(0);
        assertThat(number.get("field").asString()).isEqualTo("capacity");
        assertThat(number.get("message").asString()).isEqualTo("\"三十\" is not a whole number");
    }

    @Test
    void aQueryValueOfTheWrongTypeNamesTheParameterAndTheValuesAllowed() throws Exception {
        var response = send(authorized("/api/samples?status=completed").GET());
        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = json.readTree(response.body()).get("errors").get(0);
        assertThat(error.get("field").asString()).isEqualTo("status");
        assertThat(error.get("value").asString()).isEqualTo("completed");
        assertThat(error.get("allowed").valueStream().map(JsonNode::asString).toList()).contains("COMPLETED");
        assertThat(response.body()).doesNotContain("Failed to convert");
    }

    @Test
    void theLanguageIsNegotiatedAmongThoseThePlatformSpeaks() throws Exception {
        var english = send(request("/api/samples/x").header("Accept-Language", "de,en;q=0.5").GET());
        assertThat(json.readTree(english.body()).get("title").asString()).isEqualTo("Not signed in");
        var chinese = send(request("/api/samples/x").header("Accept-Language", "fr,zh-CN;q=0.8,en;q=0.5").GET());
        assertThat(json.readTree(chinese.body()).get("title").asString()).isEqualTo("未登录或登录已失效");
        var unknown = send(request("/api/samples/x").header("Accept-Language", "de").GET());
        assertThat(json.readTree(unknown.body()).get("title").asString()).isEqualTo("未登录或登录已失效");
    }

    private HttpResponse<String> post(String body, String language) throws Exception {
        var builder = authorized("/api/samples").header("Content-Type", "application/json");
        if (language != null) {
            builder.header("Accept-Language", language);
        }
        var response = send(builder.POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        return response;
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
