package org.shangliang.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Two gateways in front of the same services, as behind a load balancer (issue 16 item 4): a token signed
 * in at one opens the routes at the other (they share the signing key of the data folder and publish the
 * same key set), the role rules answer alike, and a retried request's Idempotency-Key and request id reach
 * the service whichever gateway the retry went through, so the service replays it instead of doing it
 * twice. Rate limits and the sign-in guard are each gateway's own (docs/security.md, "Limits").
 */
@ActiveProfiles("local")
class TwoGatewaysTest extends GatewayTestSupport {

    static final Path DATA = issuerData("""
                    username,password,name,roles,community,home
                    li.xiulan,{noop}demo2026,李秀兰,RESIDENT,yuejiang,yuejiang/yuejiang-xincun/31/3/601
                    wang.jianguo,{noop}demo2026,王建国,COMMITTEE,yuejiang,
                    """);
    private static ConfigurableApplicationContext second;
    private static int secondPort;

    @DynamicPropertySource
    static void issuer(DynamicPropertyRegistry registry) {
        localIssuer(registry, DATA);
    }

    @BeforeAll
    static void startSecondGateway() {
        second = new SpringApplicationBuilder(GatewayApplication.class).profiles("local")
                .run("--server.port=0", "--management.server.port=0",
                        "--TOPIC_SERVICE_URL=" + TOPICS.url(), "--MEETING_SERVICE_URL=" + MEETINGS.url(),
                        "--VOTE_SERVICE_URL=" + VOTES.url(), "--NOTIFICATION_SERVICE_URL=" + NOTIFICATIONS.url(),
                        "--WEB_URL=" + WEB.url(), "--SHANGLIANG_ACCOUNTS=" + DATA.resolve("accounts.csv"),
                        "--SHANGLIANG_DATA=" + DATA, "--JWT_ISSUER=http://127.0.0.1:8080");
        secondPort = Integer.parseInt(second.getEnvironment().getProperty("local.server.port"));
    }

    @AfterAll
    static void stopSecondGateway() {
        second.close();
    }

    private HttpRequest.Builder atSecond(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + secondPort + path));
    }

    private String signIn(HttpRequest.Builder tokenRequest, String username) throws Exception {
        var response = send(tokenRequest.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers
                .ofString("{\"username\":\"" + username + "\",\"password\":\"demo2026\"}")));
        assertThat(response.statusCode()).isEqualTo(200);
        return body(response).get("accessToken").asString();
    }

    @Test
    void aTokenSignedInAtOneGatewayOpensTheRoutesAtTheOtherAndTheRulesAnswerAlike() throws Exception {
        String fromFirst = signIn(request("/auth/token"), "li.xiulan");
        String fromSecond = signIn(atSecond("/auth/token"), "wang.jianguo");

        var read = send(atSecond("/api/topics").header("Authorization", "Bearer " + fromFirst));
        assertThat(read.statusCode()).as("the first gateway's token at the second").isEqualTo(200);
        assertThat(TOPICS.last().header("Authorization")).isEqualTo("Bearer " + fromFirst);
        assertThat(call("POST", "/api/topics/t1/review", fromSecond).statusCode())
                .as("the second gateway's token at the first").isEqualTo(200);

        for (int gateway : new int[] {port, secondPort}) {
            var review = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway + "/api/topics/t1/review"))
                    .header("Authorization", "Bearer " + fromFirst).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            assertThat(review.statusCode()).as("a resident reviewing, at port " + gateway).isEqualTo(403);
        }
        assertThat(send(atSecond("/.well-known/jwks.json")).body()).as("one key set")
                .isEqualTo(send(request("/.well-known/jwks.json")).body());
    }

    @Test
    void aRetryThroughTheOtherGatewayReachesTheServiceWithTheSameKeyAndRequestId() throws Exception {
        String token = signIn(request("/auth/token"), "li.xiulan");
        for (var builder : java.util.List.of(request("/api/topics/t1/supports"), atSecond("/api/topics/t1/supports"))) {
            send(builder.header("Authorization", "Bearer " + token).header("Idempotency-Key", "support-31-3-601")
                    .header("X-Request-Id", "retry-after-lost-answer").POST(HttpRequest.BodyPublishers.noBody()));
            assertThat(TOPICS.last().header("Idempotency-Key")).isEqualTo("support-31-3-601");
            assertThat(TOPICS.last().header("X-Request-Id")).isEqualTo("retry-after-lost-answer");
            assertThat(TOPICS.last().header("Authorization")).isEqualTo("Bearer " + token);
        }
    }
}
