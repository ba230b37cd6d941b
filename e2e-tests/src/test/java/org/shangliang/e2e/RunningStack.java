package org.shangliang.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged local stack ({@code local-stack.jar}, the same thing {@code ./shangliang start} runs)
 * started once per test JVM on free ports with its own data folder, and stopped at the end.
 */
final class RunningStack {

    private static RunningStack shared;

    final Path home;
    final Path data;
    final Map<String, Integer> ports = new LinkedHashMap<>();
    private final Process launcher;
    private final Path output;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private RunningStack(Map<String, String> extraEnvironment) throws IOException, InterruptedException {
        home = Path.of(System.getProperty("shangliang.home", "..")).toAbsolutePath().normalize();
        data = Files.createTempDirectory("shangliang-e2e-");
        output = data.resolve("launcher.out");
        for (String variable : new String[] {"GATEWAY_PORT", "TOPIC_SERVICE_PORT", "MEETING_SERVICE_PORT",
                "VOTE_SERVICE_PORT", "NOTIFICATION_SERVICE_PORT", "WEB_PORT", "KAFKA_PORT", "KAFKA_CONTROLLER_PORT", "MONGODB_PORT",
                "SMTP_PORT", "MAIL_VIEWER_PORT", "GATEWAY_MANAGEMENT_PORT"}) {
            ports.put(variable, extraEnvironment.containsKey(variable)
                    ? Integer.parseInt(extraEnvironment.get(variable)) : freePort());
        }
        var builder = new ProcessBuilder(javaCommand(), "-jar", home.resolve("local-stack/target/local-stack.jar").toString(),
                "start", "--home", home.toString()).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().put("SHANGLIANG_DATA", data.toString());
        builder.environment().remove("SHANGLIANG_ACCOUNTS");
        // the stack as shipped: a caller's own JVM options (C1 only, no class-data sharing) are not the product's
        builder.environment().remove("SHANGLIANG_SERVICE_JVM_OPTIONS");
        ports.forEach((k, v) -> builder.environment().put(k, v.toString()));
        builder.environment().putAll(extraEnvironment);
        launcher = builder.start();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (!launcherOutput().contains("is running on 127.0.0.1")) {
            if (!launcher.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("The local stack did not start:\n" + launcherOutput());
            }
            Thread.sleep(500);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "e2e-stack-stop"));
    }

    /** The running stack, started now if there is none (or the last one was stopped by a test). */
    static synchronized RunningStack get() throws IOException, InterruptedException {
        if (shared == null || !shared.launcherAlive()) {
            shared = new RunningStack(Map.of());
        }
        return shared;
    }

    /** A stack of its own with extra environment for every process (for example other limits); stop it after use. */
    static RunningStack startWith(Map<String, String> environment) throws IOException, InterruptedException {
        return new RunningStack(environment);
    }

    String launcherOutput() {
        try {
            return Files.exists(output) ? Files.readString(output) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port(String service) {
        return switch (service) {
            case "gateway" -> ports.get("GATEWAY_PORT");
            case "topic-service" -> ports.get("TOPIC_SERVICE_PORT");
            case "meeting-service" -> ports.get("MEETING_SERVICE_PORT");
            case "vote-service" -> ports.get("VOTE_SERVICE_PORT");
            case "notification-service" -> ports.get("NOTIFICATION_SERVICE_PORT");
            case "web" -> ports.get("WEB_PORT");
            default -> throw new IllegalArgumentException(service);
        };
    }

    long pid(String process) throws IOException {
        return Long.parseLong(Files.readString(data.resolve("run").resolve(process + ".pid")).trim());
    }

    boolean healthy(String service) {
        try {
            var response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port(service)
                    + "/readyz")).timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("\"UP\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Runs {@code ./shangliang}'s launcher with another command against this stack. */
    String command(String... args) throws IOException, InterruptedException {
        var command = new java.util.ArrayList<>(java.util.List.of(javaCommand(), "-jar",
                home.resolve("local-stack/target/local-stack.jar").toString()));
        command.addAll(java.util.List.of(args));
        command.addAll(java.util.List.of("--home", home.toString()));
        var builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("SHANGLIANG_DATA", data.toString());
        ports.forEach((k, v) -> builder.environment().put(k, v.toString()));
        Process p = builder.start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor(120, TimeUnit.SECONDS);
        return out;
    }

    void stop() {
        if (launcher.isAlive()) {
            launcher.destroy();
            try {
                if (!launcher.waitFor(90, TimeUnit.SECONDS)) {
                    launcher.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    String gateway() {
        return "http://127.0.0.1:" + port("gateway");
    }

    /** Signs in at the gateway's built-in issuer with a demo account. */
    String signIn(String username) throws IOException, InterruptedException {
        var response = http.send(HttpRequest.newBuilder(URI.create(gateway() + "/auth/token"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + username + "\",\"password\":\"demo2026\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Sign-in of " + username + " failed: " + response.body());
        }
        String body = response.body();
        int start = body.indexOf("\"accessToken\":\"") + 15;
        return body.substring(start, body.indexOf('"', start));
    }

    String log(String process) throws IOException {
        return Files.readString(data.resolve("logs").resolve(process + ".log"));
    }

    boolean launcherAlive() {
        return launcher.isAlive();
    }

    private static String javaCommand() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    /** Every port handed out in this JVM: two stacks, or two ports of one stack, never get the same one. */
    private static final java.util.Set<Integer> HANDED_OUT = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * A loopback port free now and not handed out before in this JVM. The kernel may give the port of a
     * socket just closed to the next bind: once two ports of one stack came out the same (Kafka's broker and
     * controller) and the stack could not start.
     */
    static int freePort() throws IOException {
        for (int attempt = 0; attempt < 100; attempt++) {
            try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
                if (HANDED_OUT.add(socket.getLocalPort())) {
                    return socket.getLocalPort();
                }
            }
        }
        throw new IOException("No free loopback port that was not handed out already");
    }
}
