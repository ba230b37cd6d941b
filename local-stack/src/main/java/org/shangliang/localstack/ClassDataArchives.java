package org.shangliang.localstack;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Class-data sharing (CDS) for the stack's services, the way Spring Boot documents it: each service's jar is
 * unpacked once per build into {@code <module>/target/cds/}, run once up to its application context's refresh with
 * {@code -XX:ArchiveClassesAtExit} (it connects to the store, builds its beans, starts nothing and exits), and from
 * then on started with {@code -XX:SharedArchiveFile}. The JVM then maps the classes it loaded last time instead of
 * reading, verifying and parsing them again: a service spends about half the CPU to start, which on two cores is
 * what lets the whole stack start with the C2 compiler on.
 *
 * <p>An archive belongs to one jar and one JDK: a rebuilt jar or another {@code java} prepares it again. A service
 * whose archive could not be made starts from its jar as before, and the JVM itself ignores an archive it finds
 * unusable ({@code -Xshare:auto}), so CDS can only make a start faster, never stop it.
 */
final class ClassDataArchives {

    private static final long TRAINING_TIMEOUT_SECONDS = 180;

    /** The services run on the launcher's own JDK; from 25 on it makes AOT caches instead of CDS archives. */
    static final boolean AOT_CACHE = Runtime.version().feature() >= 25;

    private final Path home;
    private final String java;
    private final Path logs;

    ClassDataArchives(Path home, String java, Path logs) {
        this.home = home;
        this.java = java;
        this.logs = logs;
    }

    /** What follows {@code java} and the memory options to start the module: its archive and unpacked jar if ready. */
    List<String> launch(String module) {
        if (ready(module)) {
            return List.of((AOT_CACHE ? "-XX:AOTCache=" : "-XX:SharedArchiveFile=") + archive(module), "-jar",
                    unpackedJar(module).toString());
        }
        return List.of("-jar", jar(module).toString());
    }

    /**
     * Makes the archives that are missing or stale, all modules at once, each run with its own environment (the
     * store must be up: the services read their indexes while the context refreshes). Prints one line of progress.
     */
    void prepare(Map<String, Map<String, String>> environments) {
        List<String> stale = environments.keySet().stream().filter(m -> !ready(m)).toList();
        if (stale.isEmpty()) {
            return;
        }
        long started = System.nanoTime();
        System.out.printf("  class-data archives for a faster start (once per build: %s) ", String.join(", ", stale));
        Path lockFile = home.resolve("local-stack").resolve("target").resolve("cds.lock");
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = channel.lock()) {
            Map<String, Process> training = new LinkedHashMap<>();
            List<String> failed = new ArrayList<>();
            for (String module : stale) {
                try {
                    if (!ready(module)) {
                        training.put(module, train(module, environments.get(module)));
                    }
                } catch (IOException e) {
                    failed.add(module);
                }
            }
            for (var entry : training.entrySet()) {
                if (!finished(entry.getKey(), entry.getValue())) {
                    failed.add(entry.getKey());
                }
            }
            System.out.printf(failed.isEmpty() ? "ready (%.1f s)%n" : "ready (%.1f s); these start without one, see "
                    + logs + "/<module>-cds.log: " + failed + "%n", (System.nanoTime() - started) / 1e9);
        } catch (IOException e) {
            System.out.printf("skipped (%s); the services start from their jars%n", e.getMessage());
        }
    }

    private Process train(String module, Map<String, String> environment) throws IOException {
        Path dir = dir(module);
        LocalStack.deleteTree(dir);
        Files.createDirectories(dir);
        Path log = logs.resolve(module + "-cds.log");
        Process unpack = new ProcessBuilder(java, "-Djarmode=tools", "-jar", jar(module).toString(), "extract",
                "--destination", dir.toString()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            if (!unpack.waitFor(60, TimeUnit.SECONDS) || unpack.exitValue() != 0) {
                unpack.destroyForcibly();
                throw new IOException("could not unpack " + jar(module) + " (see " + log + ")");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            unpack.destroyForcibly();
            throw new IOException("interrupted", e);
        }
        var builder = new ProcessBuilder(trainingCommand(module))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        return builder.start();
    }

    /**
     * JDK 25 and later: an AOT cache (JEP 483, 514, 515), which holds the classes loaded and linked and the methods'
     * profiles, so the C2 compiler starts from them; the same GC as the services, as the cache requires. Older JDKs:
     * a dynamic CDS archive, trained with C1 alone (it holds classes, not profiles, and training is then cheaper).
     */
    private List<String> trainingCommand(String module) {
        var command = new ArrayList<>(List.of(java, "-XX:+UseSerialGC", "-Xmx256m"));
        command.addAll(AOT_CACHE ? List.of("-XX:AOTCacheOutput=" + archive(module))
                : List.of("-XX:TieredStopAtLevel=1", "-XX:ArchiveClassesAtExit=" + archive(module)));
        command.addAll(List.of("-Dspring.context.exit=onRefresh", "-Dfile.encoding=UTF-8", "-jar",
                unpackedJar(module).toString()));
        return command;
    }

    private boolean finished(String module, Process training) {
        try {
            if (!training.waitFor(TRAINING_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                training.destroyForcibly();
                return false;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            training.destroyForcibly();
            return false;
        }
        if (training.exitValue() != 0 || !Files.exists(archive(module))) {
            return false;
        }
        try {
            Files.writeString(stampFile(module), stamp(module), StandardCharsets.UTF_8);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    boolean ready(String module) {
        try {
            return Files.exists(archive(module)) && Files.exists(unpackedJar(module)) && Files.exists(stampFile(module))
                    && Files.readString(stampFile(module), StandardCharsets.UTF_8).equals(stamp(module));
        } catch (IOException e) {
            return false;
        }
    }

    /** The jar it was made from (size and time) and the JDK that made it: either changing makes it stale. */
    private String stamp(String module) throws IOException {
        Path jar = jar(module);
        return "%s %d %d %s %s".formatted(jar.getFileName(), Files.size(jar), Files.getLastModifiedTime(jar).toMillis(),
                java, Runtime.version());
    }

    private Path jar(String module) {
        return home.resolve(module).resolve("target").resolve(module + ".jar");
    }

    private Path dir(String module) {
        return home.resolve(module).resolve("target").resolve("cds");
    }

    private Path unpackedJar(String module) {
        return dir(module).resolve(module + ".jar");
    }

    private Path archive(String module) {
        return dir(module).resolve(module + (AOT_CACHE ? ".aot" : ".jsa"));
    }

    private Path stampFile(String module) {
        return dir(module).resolve("made-from");
    }
}
