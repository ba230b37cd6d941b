package org.shangliang.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The real broker and store, started once per test JVM and shared by every test class in it (the
 * Spring test context cache keeps contexts alive across classes, so the servers must outlive them).
 * Each test module's contexts use their own database names, so tests do not see each other's data.
 */
public final class TestInfrastructure {

    private static KafkaBroker kafka;
    private static DocumentStore store;

    private TestInfrastructure() {
    }

    public static synchronized KafkaBroker kafka() {
        if (kafka == null) {
            Path dir = tempDir("kafka-test-");
            kafka = new KafkaBroker(dir, Ports.free()).start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                kafka.stop();
                delete(dir);
            }, "kafka-test-shutdown"));
        }
        return kafka;
    }

    public static synchronized DocumentStore store() {
        if (store == null) {
            store = DocumentStore.inMemory(Ports.free()).start();
            Runtime.getRuntime().addShutdownHook(new Thread(store::close, "store-test-shutdown"));
        }
        return store;
    }

    private static Path tempDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort: a temp folder
        }
    }
}
