package org.shangliang.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What the gateway adds to a call: the same authenticated GET sent straight to topic-service and
 * through the gateway, interleaved, one client, after a warm-up. Prints figures; asserts nothing
 * about time (figures go to docs/benchmarks.md). Run: ./mvnw -pl e2e-tests verify -Dbenchmarks
 */
@Tag("benchmark")
class GatewayLatencyBenchmarkIT {

    private static final int WARM_UP = 1_000;
    private static final int MEASURED = 5_000;

    @Test
    void gatewayOverheadAgainstADirectCall() throws Exception {
        // the default 600 requests a minute per user would turn this benchmark into a test of the rate limiter
        RunningStack stack = RunningStack.startWith(java.util.Map.of("SHANGLIANG_GATEWAY_LIMITS_PER_USER", "1000000"));
        try {
            measure(stack);
        } finally {
            stack.stop();
        }
    }

    private void measure(RunningStack stack) throws Exception {
        String token = stack.signIn("li.xiulan");
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest direct = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + stack.port("topic-service")
                + "/api/topics")).header("Authorization", "Bearer " + token).build();
        HttpRequest viaGateway = HttpRequest.newBuilder(URI.create(stack.gateway() + "/api/topics"))
                .header("Authorization", "Bearer " + token).build();
        for (int i = 0; i < WARM_UP; i++) {
            http.send(direct, HttpResponse.BodyHandlers.discarding());
            http.send(viaGateway, HttpResponse.BodyHandlers.discarding());
        }
        List<Long> directNanos = new ArrayList<>();
        List<Long> gatewayNanos = new ArrayList<>();
        int status = 0;
        for (int i = 0; i < MEASURED; i++) {
            long t0 = System.nanoTime();
            http.send(direct, HttpResponse.BodyHandlers.discarding());
            long t1 = System.nanoTime();
            status = http.send(viaGateway, HttpResponse.BodyHandlers.discarding()).statusCode();
            long t2 = System.nanoTime();
            directNanos.add(t1 - t0);
            gatewayNanos.add(t2 - t1);
        }
        System.out.printf("%nGET /api/topics (answer %d), %d calls each after %d warm-up, one client, interleaved:%n",
                status, MEASURED, WARM_UP);
        System.out.printf("  %-22s p50 %6.2f ms   p90 %6.2f ms   p99 %6.2f ms%n", "direct to topic-service",
                p(directNanos, 50), p(directNanos, 90), p(directNanos, 99));
        System.out.printf("  %-22s p50 %6.2f ms   p90 %6.2f ms   p99 %6.2f ms%n", "through the gateway",
                p(gatewayNanos, 50), p(gatewayNanos, 90), p(gatewayNanos, 99));
        System.out.printf("  %-22s p50 %+6.2f ms   p90 %+6.2f ms   p99 %+6.2f ms%n", "added by the gateway",
                p(gatewayNanos, 50) - p(directNanos, 50), p(gatewayNanos, 90) - p(directNanos, 90),
                p(gatewayNanos, 99) - p(directNanos, 99));
    }

    private static double p(List<Long> nanos, int percentile) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, index)) / 1e6;
    }
}
