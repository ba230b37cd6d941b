package org.shangliang.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

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

    /**
     * Each service starts from the class-data archive the launcher made for its jar (the JVM maps it: classes are
     * not read and verified again), with C2 on: what makes the stack start in about half the time. On JDK 25 and
     * later the archive is an AOT cache (classes linked, methods' profiles); the launcher runs on this test's JDK.
     */
    @Test
    @Order(1)
    void servicesStartFromTheirClassDataArchivesWithTheC2CompilerOn() throws Exception {
        RunningStack stack = RunningStack.get();
        boolean aotCache = Runtime.version().feature() >= 25;
        String option = aotCache ? "-XX:AOTCache=" : "-XX:SharedArchiveFile=";
        for (String service : SERVICES) {
            long pid = stack.pid(service);
            String archive = service + (aotCache ? ".aot" : ".jsa");
            List<String> arguments = List.of(ProcessHandle.of(pid).orElseThrow().info().arguments().orElseThrow());
            assertThat(arguments).as(service).anyMatch(a -> a.startsWith(option)
                    && a.endsWith("/" + service + "/target/cds/" + archive))
                    .noneMatch(a -> a.startsWith("-XX:TieredStopAtLevel"));
            assertThat(Files.readString(Path.of("/proc/" + pid + "/maps")))
                    .as(service + " has its archive mapped").contains(archive);
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

    /** Series no packaged process exports: Prometheus' own. */
    private static final Set<String> PROMETHEUS_OWN = Set.of("up");

    @Test
    @Order(3)
    void everyMetricTheAlertsAndTheDashboardUseIsExportedByAProcess() throws Exception {
        RunningStack stack = RunningStack.get();
        Set<String> used = MonitoringConfigTest.metricNamesUsed();
        assertThat(used).as("read from deploy/prometheus and deploy/grafana").containsAll(PROMETHEUS_OWN)
                .contains("shangliang_ballots_open", "shangliang_ballot_turnout_ratio", "kafka_consumer_fetch_manager_records_lag");
        Set<String> expected = new TreeSet<>(used);
        expected.removeAll(PROMETHEUS_OWN);

        Set<String> missing = missing(expected, exportedSeries(stack));
        // the consumers' lag per partition appears once Micrometer's Kafka binder has refreshed its list of
        // the client's metrics (within about a minute of a start; topic-service was just restarted)
        assertThat(missing).as("exported by no process (the lag series may still come)")
                .allMatch(n -> n.startsWith("kafka_consumer_"));
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (!missing.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(2_000);
            missing = missing(missing, exportedSeries(stack));
        }
        assertThat(missing).as("metrics of deploy/prometheus/alerts.yml and the dashboard exported by no process")
                .isEmpty();
    }

    /** The series names every process exports now (on its own port; the gateway's management port). */
    private static Set<String> exportedSeries(RunningStack stack) throws Exception {
        Set<String> names = new TreeSet<>();
        for (String service : SERVICES) {
            int port = service.equals("gateway") ? stack.ports.get("GATEWAY_MANAGEMENT_PORT") : stack.port(service);
            var metrics = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(metrics.statusCode()).as(service).isEqualTo(200);
            metrics.body().lines().filter(l -> !l.isBlank() && !l.startsWith("#"))
                    .map(l -> l.split("[{ ]", 2)[0]).forEach(names::add);
        }
        return names;
    }

    /**
     * The names none of the series stands for: {@code x} is exported as {@code x} or, for a histogram,
     * summary or counter, as {@code x_bucket}, {@code x_count}, {@code x_sum}, {@code x_max}, {@code x_total}.
     */
    private static Set<String> missing(Set<String> names, Set<String> series) {
        Set<String> missing = new TreeSet<>();
        for (String name : names) {
            if (!series.contains(name) && Stream.of("_bucket", "_count", "_sum", "_max", "_total", "_created")
                    .noneMatch(suffix -> series.contains(name + suffix))) {
                missing.add(name);
            }
        }
        return missing;
    }

    @Test
    @Order(4)
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
