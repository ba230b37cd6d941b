package org.shangliang.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** The packaged local stack as a newcomer runs it: every process its own, supervised, stoppable. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalStackIT {

    private static final List<String> SERVICES = List.of("gateway", "topic-service", "meeting-service",
            "vote-service", "notification-service", "web");

    @Test
    @Order(1)
    void startsEveryServiceHealthyAndPrintsWhereThingsAre() throws Exception {
        RunningStack stack = RunningStack.get();
        assertThat(SERVICES).allMatch(stack::healthy);
        String out = stack.launcherOutput();
        assertThat(out).contains("Web (open this)    http://127.0.0.1:" + stack.port("gateway") + "/",
                "API (gateway)      http://127.0.0.1:" + stack.port("gateway") + "/api",
                "Mail received", "Memory (RSS)", "li.xiulan", "李秀兰", "password for all: demo2026", "./shangliang stop",
                "Metrics            http://127.0.0.1:" + stack.ports.get("GATEWAY_MANAGEMENT_PORT") + "/actuator/prometheus");
    }

    @Test
    @Order(1)
    void metricsAreOnEachProcessOwnPortAndNeverThroughThePublicDoor() throws Exception {
        RunningStack stack = RunningStack.get();
        for (String service : SERVICES) {
            int port = service.equals("gateway") ? stack.ports.get("GATEWAY_MANAGEMENT_PORT") : stack.port(service);
            var metrics = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(metrics.statusCode()).as(service).isEqualTo(200);
            assertThat(metrics.body()).as(service).contains("application=\"" + service + "\"")
                    .contains("http_server_requests_seconds_bucket");
        }
        for (String hidden : List.of("/actuator/prometheus", "/actuator/health", "/actuator/env")) {
            var answer = HTTP.send(HttpRequest.newBuilder(URI.create(stack.gateway() + hidden)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(hidden + " through the gateway").isIn(401, 403, 404);
            assertThat(answer.body()).as(hidden).doesNotContain("jvm_memory");
        }
    }

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    @Order(2)
    void aServiceKilledWithSigkillIsRestartedWhileTheOthersKeepRunning() throws Exception {
        RunningStack stack = RunningStack.get();
        long before = stack.pid("topic-service");
        ProcessHandle.of(before).orElseThrow().destroyForcibly();
        ProcessHandle.of(before).ifPresent(h -> h.onExit().join());

        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (!(stack.healthy("topic-service") && stack.pid("topic-service") != before)) {
            assertThat(System.nanoTime()).as("topic-service back within 2 minutes").isLessThan(deadline);
            assertThat(List.of("gateway", "meeting-service", "vote-service", "notification-service"))
                    .allMatch(stack::healthy);
            Thread.sleep(300);
        }
        assertThat(stack.launcherOutput()).contains("topic-service exited (code 137)");
        assertThat(stack.command("status")).contains("topic-service         UP");
    }

    @Test
    @Order(3)
    void stopFromAnotherShellEndsEveryProcess() throws Exception {
        RunningStack stack = RunningStack.get();
        List<Long> pids = new java.util.ArrayList<>();
        for (String s : SERVICES) {
            pids.add(stack.pid(s));
        }
        pids.add(stack.pid("infrastructure"));

        assertThat(stack.command("stop")).contains("Stopped.");

        assertThat(stack.launcherAlive()).isFalse();
        assertThat(pids).noneMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
    }
}
