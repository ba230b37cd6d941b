package org.shangliang.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Waits until the machine's CPUs are mostly idle, read from Linux's {@code /proc/stat}: an overloaded step leaves work
 * queued in the services after its last answer (requests the client gave up on are still forwarded and processed), and
 * the step after it would otherwise be measured against that backlog rather than on its own.
 */
final class QuietMachine {

    /** Busy below this share of all CPUs, in two one-second samples in a row, is quiet. */
    private static final double QUIET = 0.3;

    private QuietMachine() {
    }

    /** Waits at most {@code atMost}; prints how long it waited and how busy the machine was. */
    static void await(String before, Duration atMost) {
        long started = System.nanoTime();
        int quietInARow = 0;
        double busy = 1;
        while (quietInARow < 2 && System.nanoTime() - started < atMost.toNanos()) {
            busy = busyOverOneSecond();
            quietInARow = busy < QUIET ? quietInARow + 1 : 0;
        }
        System.out.printf("QUIET before %s: waited %.1f s, CPUs %.0f %% busy%s%n", before,
                (System.nanoTime() - started) / 1e9, busy * 100, quietInARow < 2 ? " (gave up waiting)" : "");
    }

    private static double busyOverOneSecond() {
        long[] before = cpuTimes();
        try {
            Thread.sleep(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
        long[] after = cpuTimes();
        long total = after[0] - before[0];
        return total == 0 ? 0 : 1 - (double) (after[1] - before[1]) / total;
    }

    /** All CPUs' jiffies since boot, and those idle (idle and waiting for I/O). */
    private static long[] cpuTimes() {
        try {
            String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < fields.length; i++) {
                total += Long.parseLong(fields[i]);
            }
            return new long[] {total, Long.parseLong(fields[4]) + Long.parseLong(fields[5])};
        } catch (IOException e) {
            throw new IllegalStateException("/proc/stat is unreadable: the benchmark measures on Linux", e);
        }
    }
}
