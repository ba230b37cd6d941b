package org.shangliang.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

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
    void anUnsafeRequestIdIsReplacedAndAMissingOneIsMade() throws Exception {
        var unsafe = send(request("/api/topics").header("Authorization", "Bearer " + token("RESIDENT"))
                .header("X-Request-Id", "x".repeat(200)));
        String made = unsafe.headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(made).hasSize(36);
        assertThat(TOPICS.last().header("X-Request-Id")).isEqualTo(made);
        assertThat(send(request("/actuator/health")).headers().firstValue("X-Request-Id")).isPresent();
    }

    @Test
    void securityHeadersAreOnEveryResponse() throws Exception {
        for (var response : java.util.List.of(send(request("/api/topics")), send(request("/actuator/health")))) {
            assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
            assertThat(response.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        }
    }

    @Test
    void onlyHealthAndInfoOfTheActuatorAreReachable() throws Exception {
        assertThat(send(request("/actuator/health")).statusCode()).isEqualTo(200);
        assertThat(send(request("/actuator/info")).statusCode()).isEqualTo(200);
        for (String hidden : java.util.List.of("/actuator/gateway/routes", "/actuator/env", "/actuator/beans")) {
            var response = send(request(hidden).header("Authorization", "Bearer " + token("STAFF")));
            assertThat(response.statusCode()).as(hidden).isIn(401, 403, 404);
        }
    }

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
