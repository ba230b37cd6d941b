package org.shangliang.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.shangliang.infra.Ports;

/**
 * Runs the whole platform on 127.0.0.1 as separate OS processes: the infrastructure (Kafka, the
 * store, SMTP) and the five services. Commands: {@code start [--fresh]}, {@code stop},
 * {@code status}, {@code restart <process>}. Started through {@code ./shangliang} at the repository root.
 */
public final class LocalStack {

    static final List<String> SERVICES = List.of("gateway", "topic-service", "meeting-service", "vote-service",
            "notification-service", "web");
    private static final String DEMO_PASSWORD = "demo2026";
    private static final Duration START_TIMEOUT = Duration.ofMinutes(5);

    private final Path home;
    private final Path data;
    private final Path run;
    private final Path logs;
    private final StackPorts ports = StackPorts.fromEnvironment();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Map<String, ManagedProcess> processes = new LinkedHashMap<>();
    private volatile boolean stopping;
    /** The external OpenID provider that signs people in (SHANGLIANG_OIDC_ISSUER), or null: the built-in issuer. */
    private IdentityProvider provider;
    private final String java = ProcessHandle.current().info().command().orElse("java");
    private final ClassDataArchives archives;
    private Path accounts;

    LocalStack(Path home) {
        this.home = home.toAbsolutePath().normalize();
        String configured = System.getenv("SHANGLIANG_DATA");
        this.data = (configured == null || configured.isBlank() ? this.home.resolve(".data") : Path.of(configured))
                .toAbsolutePath().normalize();
        this.run = data.resolve("run");
        this.logs = data.resolve("logs");
        this.archives = new ClassDataArchives(this.home, java, logs);
    }

    public static void main(String[] args) throws Exception {
        String command = args.length == 0 ? "start" : args[0];
        Path home = Path.of(option(args, "--home").orElse("."));
        var stack = new LocalStack(home);
        int exit = switch (command) {
            case "start" -> stack.start(List.of(args).contains("--fresh"));
            case "stop" -> stack.stopRunning();
            case "status" -> stack.status();
            case "restart" -> stack.restart(operand(args).orElse(""));
            default -> {
                System.err.println("Usage: ./shangliang [start [--fresh] | stop | status | restart <process>]");
                yield 2;
            }
        };
        System.exit(exit);
    }

    int start(boolean fresh) throws Exception {
        Optional<Long> running = launcherPid();
        if (running.isPresent()) {
            System.err.printf("商量 is already running (launcher pid %d). Stop it first: ./shangliang stop%n", running.get());
            return 1;
        }
        List<String> busy = busyPorts();
        if (!busy.isEmpty()) {
            System.err.println("These ports on 127.0.0.1 are in use, so the stack cannot start: " + busy);
            System.err.println("Stop whatever uses them, or move ours with GATEWAY_PORT, KAFKA_PORT, ... (see README).");
            return 1;
        }
        if (fresh) {
            deleteTree(data);
            System.out.println("Starting from empty data: removed " + data);
        }
        Files.createDirectories(run);
        Files.createDirectories(logs);
        Files.writeString(run.resolve("local-stack.pid"), Long.toString(ProcessHandle.current().pid()));
        Runtime.getRuntime().addShutdownHook(new Thread(this::shutdown, "local-stack-shutdown"));

        long started = System.nanoTime();
        Path accounts = accounts();
        System.out.printf("商量 Shangliang: starting on 127.0.0.1, data in %s%n", data);
        try {
            provider = IdentityProvider.fromEnvironment(http, Duration.ofSeconds(90)).orElse(null);
        } catch (IllegalStateException e) {
            System.out.println("  " + e.getMessage());
            return 1;
        }
        if (provider != null) {
            System.out.printf("  identity provider %s (client %s): people sign in there, the built-in issuer is off%n",
                    provider.issuer(), provider.clientId());
        }
        define(accounts);

        ManagedProcess infra = processes.get("infrastructure");
        infra.start(this::onExit);
        System.out.print("  infrastructure (Kafka KRaft, store, SMTP) ");
        if (!awaitPorts(List.of(ports.kafka(), ports.mongo(), ports.smtp(), ports.mailViewer()), Duration.ofSeconds(90))) {
            System.out.printf("did not come up; see %s%n", infra.log());
            return 1;
        }
        System.out.printf("ready (%.1f s)%n", seconds(started));

        archives.prepare(serviceEnvironments());
        defineServices();
        for (String name : SERVICES) {
            processes.get(name).start(this::onExit);
        }
        if (!awaitHealthy(SERVICES, started)) {
            return 1;
        }
        seedDemoWorld();
        printSummary(accounts, started);
        Thread.currentThread().join();
        return 0;
    }

    /**
     * With the demo accounts and a data folder never seeded before, makes the demo world through the
     * gateway's API. With SHANGLIANG_ACCOUNTS the caller brings its own world: nothing is seeded.
     */
    private void seedDemoWorld() {
        String own = System.getenv("SHANGLIANG_ACCOUNTS");
        Path marker = data.resolve("demo-seeded");
        if ((own != null && !own.isBlank()) || Files.exists(marker)) {
            return;
        }
        long started = System.nanoTime();
        System.out.print("  demo world (rolls, topics, a meeting, ratings) through the gateway ");
        try {
            String gateway = "http://127.0.0.1:" + ports.gateway();
            (provider == null ? new DemoWorld(gateway)
                    : new DemoWorld(gateway, user -> provider.passwordToken(http, user, DEMO_PASSWORD))).seed();
            Files.writeString(marker, Instant.now().toString());
            System.out.printf("ready (%.1f s)%n", seconds(started));
        } catch (Exception e) {
            System.out.printf("failed: %s (the platform runs; see the logs)%n", e.getMessage());
        }
    }

    private void define(Path accounts) {
        this.accounts = accounts;
        var infra = new ArrayList<>(List.of(java, "-Xmx768m", "-XX:+UseSerialGC", "-Dfile.encoding=UTF-8"));
        infra.addAll(jvmOptions("SHANGLIANG_INFRA_JVM_OPTIONS"));
        infra.addAll(List.of("-Dloader.main=" + Infrastructure.class.getName(), "-jar", jar("local-stack").toString(),
                data.toString()));
        processes.put("infrastructure", new ManagedProcess("infrastructure", infra, environment(), logs, run,
                ports.kafka(), null));
        defineServices();
    }

    /** The services' processes, each started from its class-data archive where one is ready (see ClassDataArchives). */
    private void defineServices() {
        Map<String, Map<String, String>> environments = serviceEnvironments();
        for (String name : SERVICES) {
            jar(name); // fails with "build first" when a module was not built
            var command = new ArrayList<>(List.of(java, "-Xms64m", "-Xmx256m", "-XX:+UseSerialGC", "-Dfile.encoding=UTF-8"));
            command.addAll(jvmOptions("SHANGLIANG_SERVICE_JVM_OPTIONS"));
            command.addAll(archives.launch(name));
            processes.put(name, new ManagedProcess(name, command, environments.get(name), logs, run, port(name),
                    "/readyz"));
        }
    }

    /**
     * More options for a group of JVMs from the environment (after ours, so they win), split at spaces:
     * SHANGLIANG_SERVICE_JVM_OPTIONS for the services, SHANGLIANG_INFRA_JVM_OPTIONS for the infrastructure
     * (Kafka, the store, SMTP), for example a larger heap for the store of a large community.
     */
    private static List<String> jvmOptions(String variable) {
        String options = System.getenv(variable);
        return options == null || options.isBlank() ? List.of() : List.of(options.trim().split("\\s+"));
    }

    private int port(String service) {
        return switch (service) {
            case "gateway" -> ports.gateway();
            case "topic-service" -> ports.topics();
            case "meeting-service" -> ports.meetings();
            case "vote-service" -> ports.votes();
            case "notification-service" -> ports.notifications();
            case "web" -> ports.web();
            default -> throw new IllegalArgumentException(service);
        };
    }

    private Map<String, Map<String, String>> serviceEnvironments() {
        Map<String, String> database = Map.of("topic-service", "topics", "meeting-service", "meetings",
                "vote-service", "votes", "notification-service", "notifications");
        Map<String, Map<String, String>> environments = new LinkedHashMap<>();
        for (String name : SERVICES) {
            var env = environment();
            env.put("PORT", Integer.toString(port(name)));
            if (database.containsKey(name)) {
                env.put("MONGODB_URI", "mongodb://127.0.0.1:" + ports.mongo() + "/" + database.get(name));
            }
            if (name.equals("gateway")) {
                env.put("MANAGEMENT_PORT", Integer.toString(ports.gatewayManagement()));
            }
            if (name.equals("gateway") && provider == null) {
                env.put("SPRING_PROFILES_ACTIVE", "local");
                env.put("SHANGLIANG_ACCOUNTS", accounts.toString());
            }
            if (name.equals("web")) {
                env.put("GATEWAY_URL", "http://127.0.0.1:" + ports.gateway());
                if (provider != null) {
                    env.put("OIDC_ISSUER_URI", provider.issuer());
                    env.put("OIDC_CLIENT_ID", provider.clientId());
                }
            }
            environments.put(name, env);
        }
        return environments;
    }

    private Map<String, String> environment() {
        var env = new LinkedHashMap<String, String>();
        env.put("SHANGLIANG_DATA", data.toString());
        env.put("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + ports.kafka());
        env.put("SMTP_HOST", "127.0.0.1");
        env.put("SMTP_PORT", Integer.toString(ports.smtp()));
        env.put("JWT_ISSUER", provider != null ? provider.issuer() : "http://127.0.0.1:" + ports.gateway());
        env.put("JWT_JWK_SET_URI", provider != null ? provider.jwkSetUri()
                : "http://127.0.0.1:" + ports.gateway() + "/.well-known/jwks.json");
        env.put("TOPIC_SERVICE_URL", "http://127.0.0.1:" + ports.topics());
        env.put("MEETING_SERVICE_URL", "http://127.0.0.1:" + ports.meetings());
        env.put("VOTE_SERVICE_URL", "http://127.0.0.1:" + ports.votes());
        env.put("NOTIFICATION_SERVICE_URL", "http://127.0.0.1:" + ports.notifications());
        env.put("WEB_URL", "http://127.0.0.1:" + ports.web());
        // the address people open: links in e-mails and on printed documents point here
        env.put("SITE_URL", "http://127.0.0.1:" + ports.gateway());
        return env;
    }

    /** Restarts a process that died while the stack runs (kill -9, crash); the rest keep running. */
    private void onExit(ManagedProcess process) {
        if (stopping) {
            return;
        }
        System.out.printf("%n  ! %s exited (code %d); restarting it, the rest keep running (log: %s)%n",
                process.name(), process.exitCode(), process.log());
        try {
            Thread.sleep(Math.min(10_000, 1_000L << Math.min(process.restarts(), 4)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (stopping) {
            return;
        }
        process.markRestarted();
        process.start(this::onExit);
        if (process.healthPath() != null) {
            Thread watcher = new Thread(() -> awaitHealthy(List.of(process.name()), System.nanoTime()),
                    "health-" + process.name());
            watcher.setDaemon(true);
            watcher.start();
        }
    }

    private boolean awaitHealthy(List<String> names, long since) {
        Set<String> waiting = new TreeSet<>(names);
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        long lastReport = System.nanoTime();
        while (!waiting.isEmpty()) {
            for (String name : List.copyOf(waiting)) {
                ManagedProcess p = processes.get(name);
                if (healthy(p)) {
                    waiting.remove(name);
                    System.out.printf("  ✓ %-21s healthy on http://127.0.0.1:%d (%.1f s)%n", name, p.port(), seconds(since));
                }
            }
            if (waiting.isEmpty()) {
                break;
            }
            if (System.nanoTime() > deadline) {
                System.out.printf("  ✗ not healthy after %d s: %s; see the logs in %s%n", START_TIMEOUT.toSeconds(),
                        waiting, logs);
                return false;
            }
            if (System.nanoTime() - lastReport > 5_000_000_000L) {
                System.out.printf("  … waiting for %s (%.0f s)%n", String.join(", ", waiting), seconds(since));
                lastReport = System.nanoTime();
            }
            sleep(400);
        }
        return true;
    }

    private boolean healthy(ManagedProcess process) {
        try {
            var response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + process.port()
                    + process.healthPath())).timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("\"UP\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void printSummary(Path accounts, long started) throws IOException {
        String gateway = "http://127.0.0.1:" + ports.gateway();
        System.out.printf("%n商量 Shangliang is running on 127.0.0.1 (started in %.0f s)%n", seconds(started));
        System.out.printf("  Web (open this)    %s/%n", gateway);
        System.out.printf("  API (gateway)      %s/api%n", gateway);
        System.out.printf("  API docs           %s/swagger-ui.html%n", gateway);
        System.out.printf("  Mail received      http://127.0.0.1:%d/  (SMTP on 127.0.0.1:%d)%n", ports.mailViewer(), ports.smtp());
        System.out.printf("  Kafka / store      127.0.0.1:%d / mongodb://127.0.0.1:%d%n", ports.kafka(), ports.mongo());
        System.out.printf("  Metrics            http://127.0.0.1:%d/actuator/prometheus (gateway), "
                + "http://127.0.0.1:%d/actuator/prometheus (topic-service; each service on its own port)%n",
                ports.gatewayManagement(), ports.topics());
        System.out.printf("  Data and logs      %s  (logs/<process>.log)%n", data);
        System.out.println("  Memory (RSS)       " + memory());
        List<String[]> rows = readAccounts(accounts);
        boolean demo = accounts.startsWith(data) && accounts.getFileName().toString().equals("demo-accounts.csv");
        System.out.printf("%nAccounts (%s)%s:%n", accounts, demo ? ", password for all: " + DEMO_PASSWORD : "");
        for (String[] row : rows) {
            System.out.printf("  %-16s %-6s %-17s %-9s %s%n", row[0], row[2], row[3], row[4], row.length > 5 ? row[5] : "");
        }
        String user = rows.isEmpty() ? "li.xiulan" : rows.get(0)[0];
        if (provider != null) {
            System.out.printf("%nSign-in at %s (client %s). A token:  curl -s %s -d grant_type=password -d client_id=%s "
                    + "-d username=%s -d password=%s%n", provider.issuer(), provider.clientId(), provider.tokenEndpoint(),
                    provider.clientId(), user, demo ? DEMO_PASSWORD : "…");
        } else {
            System.out.printf("%nA token:  curl -s -X POST %s/auth/token -H 'Content-Type: application/json' "
                    + "-d '{\"username\":\"%s\",\"password\":\"%s\"}'%n", gateway, user, demo ? DEMO_PASSWORD : "…");
        }
        System.out.println("Stop: Ctrl-C here, or ./shangliang stop from another shell. Status: ./shangliang status");
    }

    private String memory() {
        List<String> parts = new ArrayList<>();
        long total = 0;
        for (ManagedProcess p : processes.values()) {
            long kb = p.residentSetKb();
            if (kb > 0) {
                total += kb;
                parts.add("%s %d MB".formatted(p.name(), kb / 1024));
            }
        }
        return "%d MB in all: %s".formatted(total / 1024, String.join(", ", parts));
    }

    private void shutdown() {
        stopping = true;
        if (processes.isEmpty()) {
            return;
        }
        System.out.println("\nStopping 商量 …");
        List<Thread> stoppers = new ArrayList<>();
        for (String name : SERVICES) {
            ManagedProcess p = processes.get(name);
            Thread stopper = new Thread(() -> p.stop(30_000), "stop-" + name);
            stopper.start();
            stoppers.add(stopper);
        }
        stoppers.forEach(t -> {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        processes.get("infrastructure").stop(30_000);
        try {
            Files.deleteIfExists(run.resolve("local-stack.pid"));
        } catch (IOException ignored) {
            // stale pid files are checked for liveness
        }
        System.out.println("Stopped.");
    }

    int stopRunning() {
        Optional<Long> pid = launcherPid();
        if (pid.isEmpty()) {
            System.out.println("商量 is not running (no live launcher pid in " + run + ").");
            return killStrays();
        }
        System.out.printf("Stopping 商量 (launcher pid %d) …%n", pid.get());
        ProcessHandle handle = ProcessHandle.of(pid.get()).orElseThrow();
        handle.destroy();
        try {
            handle.onExit().get(90, TimeUnit.SECONDS);
        } catch (Exception e) {
            handle.destroyForcibly();
        }
        killStrays();
        System.out.println("Stopped.");
        return 0;
    }

    /** Processes whose launcher is gone (it was killed with -9): stop them too. */
    private int killStrays() {
        for (String name : concat(SERVICES, "infrastructure")) {
            pidOf(name).flatMap(ProcessHandle::of).ifPresent(h -> {
                System.out.printf("  stopping %s (pid %d)%n", name, h.pid());
                h.destroy();
                try {
                    h.onExit().get(30, TimeUnit.SECONDS);
                } catch (Exception e) {
                    h.destroyForcibly();
                }
            });
        }
        return 0;
    }

    int status() {
        System.out.println("商量 on 127.0.0.1 (data " + data + "):");
        define(data.resolve("demo-accounts.csv"));
        for (ManagedProcess p : processes.values()) {
            Optional<Long> pid = pidOf(p.name()).filter(id -> ProcessHandle.of(id).map(ProcessHandle::isAlive).orElse(false));
            String state = p.healthPath() == null ? (Ports.listening(p.port()) ? "listening" : "not listening")
                    : (healthy(p) ? "UP" : "not healthy");
            System.out.printf("  %-21s %-14s %s%n", p.name(), state, pid.map(id -> "pid " + id).orElse("no process"));
        }
        return 0;
    }

    int restart(String name) {
        if (!concat(SERVICES, "infrastructure").contains(name)) {
            System.err.println("Which process? One of " + concat(SERVICES, "infrastructure"));
            return 2;
        }
        if (launcherPid().isEmpty()) {
            System.err.println("商量 is not running: ./shangliang start");
            return 1;
        }
        Optional<ProcessHandle> handle = pidOf(name).flatMap(ProcessHandle::of);
        if (handle.isEmpty()) {
            System.err.println(name + " has no live process; the launcher restarts it by itself.");
            return 1;
        }
        handle.get().destroy();
        System.out.printf("Asked %s (pid %d) to stop; the launcher starts it again (watch its output or ./shangliang status).%n",
                name, handle.get().pid());
        return 0;
    }

    private Path accounts() throws IOException {
        String configured = System.getenv("SHANGLIANG_ACCOUNTS");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath();
        }
        Path demo = data.resolve("demo-accounts.csv");
        try (InputStream in = LocalStack.class.getResourceAsStream("/demo-accounts.csv")) {
            Files.write(demo, in.readAllBytes());
        }
        return demo;
    }

    private static List<String[]> readAccounts(Path file) throws IOException {
        List<String[]> rows = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#") || line.startsWith("username,")) {
                continue;
            }
            rows.add(line.split(",", -1));
        }
        return rows;
    }

    private List<String> busyPorts() {
        List<String> busy = new ArrayList<>();
        Map<String, Integer> all = new LinkedHashMap<>();
        all.put("gateway", ports.gateway());
        all.put("topic-service", ports.topics());
        all.put("meeting-service", ports.meetings());
        all.put("vote-service", ports.votes());
        all.put("notification-service", ports.notifications());
        all.put("web", ports.web());
        all.put("kafka", ports.kafka());
        all.put("kafka controller", ports.kafkaController());
        all.put("store", ports.mongo());
        all.put("smtp", ports.smtp());
        all.put("mail viewer", ports.mailViewer());
        all.put("gateway management", ports.gatewayManagement());
        all.forEach((name, port) -> {
            if (Ports.listening(port)) {
                busy.add(name + " " + port);
            }
        });
        return busy;
    }

    private boolean awaitPorts(List<Integer> wanted, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (wanted.stream().allMatch(Ports::listening)) {
                return true;
            }
            if (!processes.get("infrastructure").isAlive()) {
                return false;
            }
            sleep(250);
        }
        return false;
    }

    private Optional<Long> launcherPid() {
        return readPid(run.resolve("local-stack.pid"))
                .filter(pid -> pid != ProcessHandle.current().pid())
                .filter(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
    }

    private Optional<Long> pidOf(String name) {
        return readPid(run.resolve(name + ".pid"));
    }

    private static Optional<Long> readPid(Path file) {
        try {
            return Files.exists(file) ? Optional.of(Long.parseLong(Files.readString(file).trim())) : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private Path jar(String module) {
        Path jar = home.resolve(module).resolve("target").resolve(module + ".jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException("Missing " + jar + ": build first (./shangliang start builds what is missing)");
        }
        return jar;
    }

    private static List<String> concat(List<String> list, String more) {
        var all = new ArrayList<>(list);
        all.add(more);
        return all;
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** The first argument after the command that is neither an option nor an option's value. */
    static Optional<String> operand(String[] args) {
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--home")) {
                i++;
            } else if (!args[i].startsWith("--")) {
                return Optional.of(args[i]);
            }
        }
        return Optional.empty();
    }

    private static Optional<String> option(String[] args, String name) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return Optional.of(args[i + 1]);
            }
        }
        return Optional.empty();
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}
