package org.shangliang.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import java.time.Duration;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalManagementPort;

class RequestIdAndHeadersTest extends GatewayTestSupport {

    @Test
    void theClientsRequestIdIsForwardedToTheServiceAndEchoed() throws Exception {
        var response = send(request("/api/topics").header("Authorization", "Bearer " + token("RESIDENT"))
                .header("X-Request-Id", "walkthrough-42"));
        assertThat(response.headers().allValues("X-Request-Id")).as("once, though the service echoes it too")
                .containsExactly("walkthrough-42");
        assertThat(TOPICS.last().header("X-Request-Id")).isEqualTo("walkthrough-42");
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void theServiceContinuesTheGatewaysTraceAndTheAccessLineNamesIt(CapturedOutput output) throws Exception {
        send(request("/api/topics").header("Authorization", "Bearer " + token("RESIDENT"))
                .header("X-Request-Id", "trace-walkthrough-7"));
        String traceparent = TOPICS.last().header("traceparent");
        assertThat(traceparent).as("W3C trace context to the service").matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
        String traceId = traceparent.split("-")[1];
        Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(output.getOut().lines()
                .filter(line -> line.contains("[trace-walkthrough-7]") && line.contains("GET /api/topics")))
                .as("the gateway's access line").singleElement().asString().contains("[" + traceId + "]"));
    }

    @Test
    void anUnsafeRequestIdIsReplacedAndAMissingOneIsMade() throws Exception {
        var unsafe = send(request("/api/topics").header("Authorization", "Bearer " + token("RESIDENT"))
                .header("X-Request-Id", "x".repeat(200)));
        String made = unsafe.headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(made).hasSize(36);
        assertThat(TOPICS.last().header("X-Request-Id")).isEqualTo(made);
        assertThat(send(request("/readyz")).headers().firstValue("X-Request-Id")).isPresent();
    }

    @Test
    void anIdempotencyKeyReachesTheService() throws Exception {
        var answer = send(request("/api/topics").header("Authorization", "Bearer " + token("RESIDENT"))
                .header("Idempotency-Key", "retry-7f3a").POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(TOPICS.last().header("Idempotency-Key")).isEqualTo("retry-7f3a");
        assertThat(answer.statusCode()).isLessThan(500);
    }

    @Test
    void securityHeadersAreOnEveryResponse() throws Exception {
        for (var response : java.util.List.of(send(request("/api/topics")), send(request("/readyz")))) {
            assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
            assertThat(response.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        }
    }

    @Test
    void onThePublicPortOnlyTheProbesAnswerAndMetricsAreOnTheManagementPort() throws Exception {
        assertThat(send(request("/livez")).statusCode()).isEqualTo(200);
        var ready = send(request("/readyz"));
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).contains("\"status\":\"UP\"");
        for (String hidden : java.util.List.of("/actuator/health", "/actuator/prometheus", "/actuator/gateway/routes",
                "/actuator/env", "/actuator/beans")) {
            var response = send(request(hidden).header("Authorization", "Bearer " + token("STAFF")));
            assertThat(response.statusCode()).as(hidden).isIn(401, 403, 404);
            assertThat(response.body()).as(hidden).doesNotContain("jvm_memory");
        }
        send(request("/api/topics").header("Authorization", "Bearer " + token("RESIDENT")));
        var metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/actuator/prometheus"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).as("latency per route, circuit breakers")
                .contains("spring_cloud_gateway_requests_seconds_bucket").contains("routeId=\"topic-service\"")
                .contains("resilience4j_circuitbreaker_state");
        assertThat(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/actuator/health"))
                .build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    }

    @LocalManagementPort
    int managementPort;

    @Test
    void crossOriginCallsAreRefusedUnlessConfigured() throws Exception {
        var preflight = send(request("/api/topics").method("OPTIONS", java.net.http.HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://evil.example").header("Access-Control-Request-Method", "POST"));
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void apiDocsOfEveryServiceAreReachableWithoutAToken() throws Exception {
        var docs = send(request("/v3/api-docs/vote-service"));
        assertThat(docs.statusCode()).isEqualTo(200);
        assertThat(VOTES.last().path()).isEqualTo("/v3/api-docs");
    }
}
