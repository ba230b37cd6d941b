package org.shangliang.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * The gateway's bulkhead per service: a crowd beyond it is answered 503 at once, and that is load, not a
 * failing service, so the circuit stays closed and the next calls go through.
 */
@TestPropertySource(properties = "shangliang.gateway.resilience.concurrent-calls=3")
class BulkheadTest extends GatewayTestSupport {

    private List<Integer> atOnce(int calls) throws Exception {
        var pool = Executors.newFixedThreadPool(calls);
        List<Callable<HttpResponse<String>>> crowd = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            crowd.add(() -> call("GET", "/api/topics", token("RESIDENT")));
        }
        List<Integer> statuses = new ArrayList<>();
        for (Future<HttpResponse<String>> answer : pool.invokeAll(crowd)) {
            statuses.add(answer.get().statusCode());
        }
        pool.shutdown();
        return statuses;
    }

    @Test
    void callsBeyondTheBulkheadAre503AtOnceAndDoNotOpenTheCircuit() throws Exception {
        TOPICS.delay = Duration.ofMillis(600);
        List<Integer> statuses = atOnce(12);
        assertThat(statuses).contains(200, 503);
        assertThat(statuses.stream().filter(s -> s == 200).count()).as("at most 3 in flight").isLessThanOrEqualTo(6);

        TOPICS.delay = Duration.ZERO;
        for (int i = 0; i < 5; i++) {
            assertThat(call("GET", "/api/topics", token("RESIDENT")).statusCode()).as("the circuit stayed closed").isEqualTo(200);
        }
    }
}
