package org.shangliang.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** Rate limits per user and per address (429 + Retry-After), body and header size limits. */
@TestPropertySource(properties = {"shangliang.gateway.limits.per-user=5", "shangliang.gateway.limits.per-address=4"})
class LimitsTest extends GatewayTestSupport {

    @Test
    void aUserOverTheLimitGets429WithRetryAfterWhileOthersGoOn() throws Exception {
        String busy = tokens.resident("busy.user", "忙碌用户", "yuejiang", "yuejiang/yuejiang-xincun/31/3/101");
        for (int i = 0; i < 5; i++) {
            assertThat(call("GET", "/api/topics", busy).statusCode()).isEqualTo(200);
        }
        var limited = call("GET", "/api/topics", busy);
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow())).isPositive();
        assertThat(body(limited).get("title").asString()).isEqualTo("请求过于频繁");

        String other = tokens.resident("calm.user", "平静用户", "yuejiang", "yuejiang/yuejiang-xincun/31/3/102");
        assertThat(call("GET", "/api/topics", other).statusCode()).isEqualTo(200);
    }

    @Test
    void callsWithoutATokenAreLimitedPerAddress() throws Exception {
        int limitedAt = -1;
        for (int i = 0; i < 8 && limitedAt < 0; i++) {
            if (send(request("/v3/api-docs/topic-service")).statusCode() == 429) {
                limitedAt = i;
            }
        }
        assertThat(limitedAt).isBetween(0, 4);
    }

    @Test
    void bodiesOverOneMebibyteAre413AndNeverReachTheService() throws Exception {
        byte[] big = new byte[1024 * 1024 + 1];
        java.util.Arrays.fill(big, (byte) 'a');
        var response = send(request("/api/topics").header("Authorization", "Bearer " + token("RESIDENT"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(big)));
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(body(response).get("type").asString()).isEqualTo("urn:shangliang:problem:payload-too-large");
        assertThat(TOPICS.received).isEmpty();
    }

    @Test
    void overLongHeadersAreRejected() throws Exception {
        var response = send(request("/api/topics").header("Authorization", "Bearer " + token("STAFF"))
                .header("X-Padding", "x".repeat(20_000)));
        assertThat(response.statusCode()).isIn(400, 431);
        assertThat(TOPICS.received).isEmpty();
    }
}
