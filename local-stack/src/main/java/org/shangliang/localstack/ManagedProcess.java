package org.shangliang.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One OS process of the stack: its command, environment, log file and pid file. Restarted by the
 * supervisor when it dies unexpectedly.
 */
final class ManagedProcess {

    private final String name;
    private final List<String> command;
    private final Map<String, String> environment;
    private final Path log;
    private final Path pidFile;
    private final int port;
    private final String healthPath;
    private volatile Process process;
    private volatile int restarts;

    ManagedProcess(String name, List<String> command, Map<String, String> environment, Path logs, Path run, int port,
                   String healthPath) {
        this.name = name;
        this.command = command;
        this.environment = environment;
        this.log = logs.resolve(name + ".log");
        this.pidFile = run.resolve(name + ".pid");
        this.port = port;
        this.healthPath = healthPath;
    }

    String name() {
        return name;
    }

    int port() {
        return port;
    }

    /** The HTTP health endpoint, or null for a process judged by its port alone. */
    String healthPath() {
        return healthPath;
    }

    Path log() {
        return log;
    }

    int restarts() {
        return restarts;
    }

    synchronized void start(Consumer<ManagedProcess> onUnexpectedExit) {
        try {
            Files.writeString(log, "%n===== %s starting %s =====%n".formatted(Instant.now(), name),
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            var builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(environment);
            Process started = builder.start();
            process = started;
            Files.writeString(pidFile, Long.toString(started.pid()));
            started.onExit().thenAccept(p -> {
                if (process == p) {
                    onUnexpectedExit.accept(this);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + name, e);
        }
    }

    synchronized void markRestarted() {
        restarts++;
    }

    boolean isAlive() {
        Process p = process;
        return p != null && p.isAlive();
    }

    int exitCode() {
        Process p = process;
        return p == null || p.isAlive() ? -1 : p.exitValue();
    }

    long pid() {
        Process p = process;
        return p == null ? -1 : p.pid();
    }

    long residentSetKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid() + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /** Asks the process to stop (SIGTERM) and waits; forces it after the grace period. */
    void stop(long graceMillis) {
        Process p;
        synchronized (this) {
            p = process;
            process = null;
        }
        if (p == null) {
            return;
        }
        p.destroy();
        try {
            if (!p.waitFor(graceMillis, TimeUnit.MILLISECONDS)) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException ignored) {
            // a stale pid file is checked for liveness before use
        }
    }
}
