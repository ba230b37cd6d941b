package org.shangliang.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

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
        Arrays.fill(big, (byte) 'a');
        var response = send(request("/api/topics").header("Authorization", "Bearer " + token("RESIDENT"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(big)));
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(body(response).get("type").asString()).isEqualTo("urn:shangliang:problem:payload-too-large");
        assertThat(TOPICS.received).isEmpty();
    }

    /**
     * A client that sends its whole 2 MiB body before reading (as most do) reads the 413, every time,
     * instead of a connection reset: the gateway reads the rest of the body before it answers and closes.
     */
    @Test
    void aClientSendingTwoMebibytesReadsThe413InsteadOfAReset() throws Exception {
        byte[] body = new byte[2 * 1024 * 1024];
        Arrays.fill(body, (byte) 'a');
        for (int i = 0; i < 8; i++) {
            boolean chunked = i % 2 == 1;
            String token = tokens.resident("big.body." + i, "李秀兰", "yuejiang", "yuejiang/yuejiang-xincun/31/3/601");
            try (Socket socket = new Socket("127.0.0.1", port)) {
                socket.setSoTimeout(20_000);
                OutputStream out = socket.getOutputStream();
                out.write(("POST /api/topics HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token
                        + "\r\nContent-Type: application/json\r\n"
                        + (chunked ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + body.length + "\r\n")
                        + "\r\n").getBytes(StandardCharsets.US_ASCII));
                for (int at = 0; at < body.length; at += 64 * 1024) {
                    if (chunked) {
                        out.write(("10000\r\n").getBytes(StandardCharsets.US_ASCII));
                    }
                    out.write(body, at, 64 * 1024);
                    if (chunked) {
                        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                }
                if (chunked) {
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                out.flush();
                String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(answer).as(chunked ? "chunked" : "with Content-Length").startsWith("HTTP/1.1 413")
                        .contains("urn:shangliang:problem:payload-too-large");
            }
        }
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
