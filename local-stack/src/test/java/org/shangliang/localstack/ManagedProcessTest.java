package org.shangliang.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A process of the stack, run for real: its log and pid files, the supervisor told when it dies, a stop that ends it. */
class ManagedProcessTest {

    @TempDir
    Path home;

    private static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    @Test
    void aProcessThatDiesIsReportedWithItsOutputInItsLog() throws Exception {
        var process = new ManagedProcess("crashes", List.of(java(), "-version"), Map.of("SHANGLIANG_TEST", "1"), home, home,
                0, null);
        CompletableFuture<ManagedProcess> died = new CompletableFuture<>();
        process.start(died::complete);
        assertThat(died.get(60, TimeUnit.SECONDS)).isSameAs(process);
        assertThat(process.isAlive()).isFalse();
        assertThat(process.exitCode()).isZero();
        assertThat(Files.readString(home.resolve("crashes.pid"))).isEqualTo(Long.toString(process.pid()));
        String log = Files.readString(process.log());
        assertThat(log).contains("===== ").contains(" starting crashes =====").containsIgnoringCase("version");
    }

    @Test
    void stoppingEndsTheProcessWithoutReportingAnUnexpectedExit() throws Exception {
        var process = new ManagedProcess("sleeper", List.of("sleep", "60"), Map.of(), home, home, 0, null);
        CompletableFuture<ManagedProcess> died = new CompletableFuture<>();
        process.start(died::complete);
        assertThat(process.isAlive()).isTrue();
        long pid = process.pid();
        long started = System.nanoTime();
        process.stop(5_000);
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("the OS process is gone").isFalse();
        assertThat(home.resolve("sleeper.pid")).doesNotExist();
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started)).as("SIGTERM ends it at once").isLessThan(5);
        Thread.sleep(300);
        assertThat(died).as("a stop asked for is not a crash to restart").isNotDone();
    }
}
