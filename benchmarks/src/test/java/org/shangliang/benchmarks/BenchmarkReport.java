package org.shangliang.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Prints, from the newest Gatling report (its statistics table), each step through the gateway beside the same step straight
 * to the service (both at the same arrival rate for the same time): requests answered well and failed,
 * p50/p95/p99 in ms, and the gateway's ratio (answered well through the gateway ÷ directly; the p50 it adds).
 */
public final class BenchmarkReport {

    /** One row of the report's statistics table (index.html): the request's name and its columns. */
    private static final Pattern ROW = Pattern.compile("ellipsed-name\">([^<]+) \\((gateway|direct)\\)</span>(.*?)</tr>",
            Pattern.DOTALL);
    private static final Pattern CELL = Pattern.compile("col-(\\d+)\">([\\d.,-]+)</td>");

    private BenchmarkReport() {
    }

    record Figures(long ok, long ko, long p50, long p95, long p99) {
        double okShare() {
            return ok + ko == 0 ? 0 : (double) ok / (ok + ko);
        }
    }

    public static void main(String[] args) throws IOException {
        Path reports = Path.of(args.length > 0 ? args[0] : "target/gatling");
        Path newest;
        try (Stream<Path> runs = Files.list(reports)) {
            newest = runs.filter(Files::isDirectory).max(Comparator.comparing(p -> p.toFile().lastModified()))
                    .orElseThrow(() -> new IllegalStateException("No Gatling report in " + reports));
        }
        String html = Files.readString(newest.resolve("index.html"));
        Map<String, Map<String, Figures>> steps = new LinkedHashMap<>();
        Matcher row = ROW.matcher(html);
        while (row.find()) {
            // columns: 2 total, 3 OK, 4 KO, 5 KO %, 6 requests/s, 7 min, 8 p50, 9 p75, 10 p95, 11 p99, 12 max
            Map<Integer, Double> cells = new java.util.HashMap<>();
            Matcher cell = CELL.matcher(row.group(3));
            while (cell.find()) {
                cells.put(Integer.parseInt(cell.group(1)), Double.parseDouble(cell.group(2).replace(",", "").replace("-", "0")));
            }
            steps.computeIfAbsent(row.group(1), k -> new LinkedHashMap<>()).putIfAbsent(row.group(2), new Figures(
                    cells.getOrDefault(3, 0.0).longValue(), cells.getOrDefault(4, 0.0).longValue(),
                    cells.getOrDefault(8, 0.0).longValue(), cells.getOrDefault(10, 0.0).longValue(),
                    cells.getOrDefault(11, 0.0).longValue()));
        }
        System.out.println("Report: " + newest.resolve("index.html"));
        System.out.printf("%-20s %-8s %7s %7s %7s %7s %7s %7s%n", "step", "via", "ok", "failed", "ok %", "p50 ms",
                "p95 ms", "p99 ms");
        steps.forEach((step, via) -> {
            via.forEach((where, f) -> System.out.printf("%-20s %-8s %7d %7d %6.1f%% %7d %7d %7d%n", step, where, f.ok(), f.ko(),
                    100 * f.okShare(), f.p50(), f.p95(), f.p99()));
            Figures gateway = via.get("gateway");
            Figures direct = via.get("direct");
            if (gateway != null && direct != null && direct.ok() > 0) {
                // both ran at the same arrival rate for the same time: answered well, gateway over direct
                System.out.printf("%-20s ratio    gateway ÷ direct %.2f (answered well), p50 %+d ms%n", step,
                        (double) gateway.ok() / direct.ok(), gateway.p50() - direct.p50());
                if (step.startsWith("read at saturation")) {
                    // closed model: each side had the step's seconds, so answers per second is the throughput
                    int seconds = Integer.getInteger("seconds", 30);
                    System.out.printf("%-20s          throughput: gateway %.0f/s, direct %.0f/s (%d s each)%n", step,
                            (double) gateway.ok() / seconds, (double) direct.ok() / seconds, seconds);
                }
            }
        });
    }
}
