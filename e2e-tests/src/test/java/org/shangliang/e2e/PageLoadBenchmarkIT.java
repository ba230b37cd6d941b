package org.shangliang.e2e;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Pages under a small real load: 20 signed-in residents browsing at once for 60 s (home, a topic,
 * meetings, ballots, the inbox) and posting an opinion now and then, each with its own session,
 * first reading each page for 1-3 s as people do, then with no pause at all (the machine's ceiling),
 * through the gateway of the packaged stack. Prints time to first byte per page and the bytes a
 * phone downloads for a first visit (HTML, style sheet, scripts, gzip as browsers ask for it).
 * Asserts nothing about time. Run: ./mvnw -pl e2e-tests verify -Dbenchmarks -Dit.test=PageLoadBenchmarkIT
 */
@Tag("benchmark")
class PageLoadBenchmarkIT {

    private static final List<String> RESIDENTS = List.of("li.xiulan", "zhang.weimin", "wang.guohua", "huang.zhiqiang",
            "xu.jing", "zhao.lei", "chen.fang", "zheng.haibo", "sun.lihua", "zhou.jianhua", "wu.meifang", "yang.shumei",
            "zhou.jianhua", "wu.meifang", "li.xiulan", "zhang.weimin", "wang.guohua", "zhao.lei", "chen.fang", "xu.jing");
    private static final Duration RUN = Duration.ofSeconds(60);
    /** A person reads a page before the next one: 1 to 3 s. */
    private static final int THINK_MIN_MS = 1_000;
    private static final int THINK_MAX_MS = 3_000;

    @Test
    void twentyResidentsBrowsingAtOnce() throws Exception {
        RunningStack stack = RunningStack.startWith(Map.of("SHANGLIANG_GATEWAY_LIMITS_PER_USER", "1000000"));
        try {
            measure(stack);
        } finally {
            stack.stop();
        }
    }

    private void measure(RunningStack stack) throws Exception {
        String base = stack.gateway();
        String topic = new Gateway(stack).get("li.xiulan", "/api/topics?size=1").body().get("items").get(0).get("id").asString();
        firstVisitWeight(base, topic);
        load(base, topic, true);
        load(base, topic, false);
    }

    /** 20 residents at once for {@link #RUN}: reading each page first (as people do), or with no pause at all (the ceiling). */
    private void load(String base, String topic, boolean reading) throws Exception {
        List<Long> ttfb = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(RESIDENTS.size());
        List<Future<Integer>> users = new ArrayList<>();
        long until = System.nanoTime() + RUN.toNanos();
        for (String resident : RESIDENTS) {
            users.add(pool.submit(() -> browse(base, resident, topic, until, ttfb, reading)));
        }
        int pages = 0;
        for (Future<Integer> user : users) {
            pages += user.get();
        }
        pool.shutdown();
        List<Long> sorted = new ArrayList<>(ttfb);
        Collections.sort(sorted);
        System.out.printf("%n%d residents %s for %d s: %d page requests (%.1f/s), time to first byte p50 %.1f ms, "
                        + "p95 %.1f ms, p99 %.1f ms, max %.1f ms%n", RESIDENTS.size(),
                reading ? "reading each page for 1-3 s" : "with no pause (saturation)", RUN.toSeconds(), pages,
                pages / (double) RUN.toSeconds(), ms(sorted, 0.50), ms(sorted, 0.95), ms(sorted, 0.99),
                sorted.get(sorted.size() - 1) / 1e6);
    }

    private int browse(String base, String resident, String topic, long until, List<Long> ttfb, boolean reading)
            throws Exception {
        var random = java.util.concurrent.ThreadLocalRandom.current();
        var session = new PageSession(base);
        session.signIn(resident);
        HttpClient http = session.http;
        List<String> paths = List.of("/", "/topics/" + topic, "/meetings", "/ballots", "/inbox");
        int count = 0;
        for (int round = 0; System.nanoTime() < until; round++) {
            for (String path : paths) {
                long t0 = System.nanoTime();
                HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
                        HttpResponse.BodyHandlers.ofInputStream());
                ttfb.add(System.nanoTime() - t0);
                try (InputStream body = response.body()) {
                    body.readAllBytes();
                }
                count++;
                if (reading) {
                    Thread.sleep(random.nextInt(THINK_MIN_MS, THINK_MAX_MS + 1));
                }
            }
            if (round % 5 == 4) {
                http.send(session.formOf("/topics/" + topic, "/topics/" + topic + "/opinions", Map.of("stance", "SUGGESTION",
                        "content", "压测意见 " + resident + " " + round)), HttpResponse.BodyHandlers.discarding());
                count += 2;
            }
        }
        return count;
    }

    private static void firstVisitWeight(String base, String topic) throws Exception {
        var session = new PageSession(base);
        session.signIn("li.xiulan");
        HttpClient http = session.http;
        for (String path : List.of("/", "/topics/" + topic)) {
            long total = 0;
            StringBuilder parts = new StringBuilder();
            String html = session.get(path).body();
            List<String> urls = new ArrayList<>(List.of(path));
            Matcher m = Pattern.compile("(?:href|src)=\"(/(?:assets|webjars)/[^\"]+)\"").matcher(html);
            while (m.find()) {
                urls.add(m.group(1).replace("&amp;", "&"));
            }
            for (String url : urls) {
                var response = http.send(HttpRequest.newBuilder(URI.create(base + url)).header("Accept-Encoding", "gzip").build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                total += response.body().length;
                parts.append("%n    %s %,d bytes%s".formatted(url, response.body().length,
                        response.headers().firstValue("Content-Encoding").map(e -> " (" + e + ")").orElse("")));
            }
            System.out.printf("%nFirst visit of %s: %,d bytes in all (no fonts: the phone's own are used)%s%n",
                    path.startsWith("/topics/") ? "a topic page" : path, total, parts);
        }
    }

    private static double ms(List<Long> sorted, double quantile) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.floor(quantile * sorted.size()))) / 1e6;
    }

}
