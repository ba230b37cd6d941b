package org.shangliang.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

/** A slow or stopped service costs callers at most the time limit, answers 503 naming it, and recovers by itself. */
class ResilienceTest extends GatewayTestSupport {

    @Test
    void aSlowServiceIsAnswered503WithinTheTimeLimitForEveryMethodAndPostIsNotRetried() throws Exception {
        MEETINGS.delay = Duration.ofSeconds(4);
        for (String method : List.of("GET", "POST", "PUT", "DELETE")) {
            long started = System.nanoTime();
            var response = call(method, "/api/meetings/m1/registrations", token("RESIDENT"));
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertThat(response.statusCode()).as(method).isEqualTo(503);
            assertThat(millis).as(method + " answered within the 1 s limit plus margin").isLessThan(2_500);
            assertThat(body(response).get("detail").asString()).contains("meeting-service");
            assertThat(response.headers().firstValue("Retry-After")).isPresent();
        }
        assertThat(MEETINGS.received.stream().filter(r -> r.method().equals("POST")).count()).isLessThanOrEqualTo(1);
    }

    @Test
    void aLongRollUploadIsNotCutOffButReadingTheRollKeepsTheUsualLimit() throws Exception {
        VOTES.delay = Duration.ofSeconds(3);
        long started = System.nanoTime();
        var upload = call("PUT", "/api/rolls/yuejiang", token("STAFF"));
        assertThat(upload.statusCode()).as("an upload may take longer than the 1 s limit of other calls").isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofSeconds(3));
        assertThat(VOTES.received.stream().filter(r -> r.method().equals("PUT")).count()).as("sent once").isEqualTo(1);
        var read = call("GET", "/api/rolls/yuejiang", token("STAFF"));
        assertThat(read.statusCode()).isEqualTo(503);
        assertThat(body(read).get("detail").asString()).contains("vote-service");
    }

    @Test
    void aStoppedServiceIs503AndTheGatewayRecoversWhenItIsBack() throws Exception {
        VOTES.stop();
        try {
            for (int i = 0; i < 6; i++) {
                var response = call("GET", "/api/ballots", token("RESIDENT"));
                assertThat(response.statusCode()).isEqualTo(503);
                assertThat(body(response).get("title").asString()).isEqualTo("服务暂不可用");
                assertThat(body(response).get("detail").asString()).contains("vote-service");
            }
            var post = call("POST", "/api/ballots/b1/votes", token("RESIDENT"));
            assertThat(post.statusCode()).isEqualTo(503);
        } finally {
            VOTES.start();
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        int status = 0;
        while (System.nanoTime() < deadline && status != 200) {
            status = call("GET", "/api/ballots", token("RESIDENT")).statusCode();
            Thread.sleep(250);
        }
        assertThat(status).as("recovered after the service came back").isEqualTo(200);
    }

    @Test
    void aServerErrorIsPassedThroughAndAGetIsNotRetriedOnIt() throws Exception {
        TOPICS.status = 500;
        var response = call("GET", "/api/topics", token("RESIDENT"));
        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(TOPICS.received).hasSize(1);
    }

    @Test
    void aCrowdOfCallsToASlowButWorkingServiceIsAllAnswered() throws Exception {
        TOPICS.delay = Duration.ofMillis(400);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(60);
        List<java.util.concurrent.Callable<Integer>> crowd = new java.util.ArrayList<>();
        for (int i = 0; i < 60; i++) {
            crowd.add(() -> call("GET", "/api/topics", token("RESIDENT")).statusCode());
        }
        List<Integer> statuses = new java.util.ArrayList<>();
        for (var answer : pool.invokeAll(crowd)) {
            statuses.add(answer.get());
        }
        pool.shutdown();
        assertThat(statuses).as("60 at once is within the bulkhead (Resilience4j's default of 25 refused 35)").containsOnly(200);
    }
}
