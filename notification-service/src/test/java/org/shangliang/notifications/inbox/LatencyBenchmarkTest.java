package org.shangliang.notifications.inbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.shangliang.contracts.topic.TopicCategory;
import org.shangliang.contracts.topic.TopicStatus;
import org.shangliang.contracts.topic.TopicStatusChanged;
import org.shangliang.notifications.NotificationServiceTestSupport;
import org.shangliang.platform.testing.Streams;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Time from an event published to its notification readable in the inbox's store, at a steady 50
 * events a second for 30 seconds. Prints figures. Run: ./mvnw -pl notification-service test -Dbenchmarks
 */
@Tag("benchmark")
class LatencyBenchmarkTest extends NotificationServiceTestSupport {

    @Autowired
    MongoTemplate mongo;

    @Test
    void eventToInboxAtSteadyLoad() throws Exception {
        String c = community();
        Map<String, Long> outstanding = new ConcurrentHashMap<>();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        Thread checker = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                for (var e : outstanding.entrySet()) {
                    if (mongo.findById(e.getKey(), Notification.class) != null) {
                        latencies.add(System.nanoTime() - e.getValue());
                        outstanding.remove(e.getKey());
                    }
                }
                try {
                    Thread.sleep(2);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        });
        checker.start();
        int events = 1_500;
        long period = 20_000_000L;
        long start = System.nanoTime();
        for (int i = 0; i < events; i++) {
            while (System.nanoTime() < start + i * period) {
                Thread.onSpinWait();
            }
            String recipient = "bench-" + i;
            String eventId = UUID.randomUUID().toString();
            outstanding.put(Notifier.idOf(eventId, NotificationType.TOPIC_STATUS_CHANGED, recipient), System.nanoTime());
            Streams.publish(new TopicStatusChanged("t-" + i, c, c + "/x", "基准议题", TopicCategory.OTHER, recipient,
                    TopicStatus.PROPOSED, TopicStatus.ACCEPTED, "review", null, null, "committee", Instant.now()), eventId);
        }
        while (!outstanding.isEmpty() && System.nanoTime() - start < 120_000_000_000L) {
            Thread.sleep(50);
        }
        checker.interrupt();
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        System.out.printf("%n%d events at 50/s: event published -> notification in the store: p50 %.1f ms, p90 %.1f ms, "
                        + "p99 %.1f ms, max %.1f ms (%d not seen)%n", sorted.size(), at(sorted, 50), at(sorted, 90),
                at(sorted, 99), sorted.get(sorted.size() - 1) / 1e6, outstanding.size());
    }

    private static double at(List<Long> sorted, int percentile) {
        return sorted.get(Math.max(0, (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1)) / 1e6;
    }
}
