package org.shangliang.platform.outbox;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.in;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.shangliang.platform.PlatformIntegrationTest;
import org.shangliang.platform.testapp.SampleTopic;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * How fast the outbox relay drains, against the real broker and store (not a test: run with
 * {@code ./mvnw -o -pl platform test -Dbenchmarks -Dtest=OutboxRelayBenchmarkTest}; figures in
 * docs/benchmarks.md). Two cases, each 1,500 aggregates with 3 events (4,500 events):
 * <ul>
 *   <li>live: 8 threads save them while the relay runs, timed from the first save until every
 *       outbox is empty;</li>
 *   <li>backlog: they were saved while the relay was stopped (a broker outage, a crash), timed from
 *       the relay's start until every outbox is empty.</li>
 * </ul>
 */
@Tag("benchmark")
class OutboxRelayBenchmarkTest extends PlatformIntegrationTest {

    private static final int AGGREGATES = 1_500;
    private static final int EVENTS_EACH = 3;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    OutboxRelay relay;

    @Test
    void drainRates() throws Exception {
        drainLive(200); // warm-up: JIT, connections, the stream's partitions
        double live = drainLive(AGGREGATES);
        double backlog = drainBacklog(AGGREGATES);
        System.out.printf("OUTBOX-BENCHMARK live %.0f events/s, backlog %.0f events/s (%d aggregates x %d events)%n",
                live, backlog, AGGREGATES, EVENTS_EACH);
    }

    private double drainLive(int count) throws Exception {
        List<SampleTopic> topics = topics(count);
        long started = System.nanoTime();
        ExecutorService savers = Executors.newFixedThreadPool(8);
        topics.forEach(t -> savers.execute(() -> mongo.save(t)));
        savers.shutdown();
        savers.awaitTermination(5, TimeUnit.MINUTES);
        return awaitDrained(ids(topics), started, count);
    }

    private double drainBacklog(int count) throws Exception {
        List<SampleTopic> topics = topics(count);
        relay.stop();
        try {
            topics.forEach(mongo::save);
        } catch (RuntimeException e) {
            relay.start();
            throw e;
        }
        long started = System.nanoTime();
        relay.start();
        return awaitDrained(ids(topics), started, count);
    }

    private double awaitDrained(List<String> ids, long started, int count) throws InterruptedException {
        var collection = mongo.getCollection("sample_topics");
        while (collection.countDocuments(and(in("_id", ids), exists("outbox.0"))) > 0) {
            if (System.nanoTime() - started > TimeUnit.MINUTES.toNanos(5)) {
                throw new IllegalStateException("not drained within 5 minutes");
            }
            Thread.sleep(50);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        return count * EVENTS_EACH / seconds;
    }

    private static List<SampleTopic> topics(int count) {
        List<SampleTopic> topics = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            var topic = new SampleTopic(UUID.randomUUID().toString(), "31号楼3单元加装电梯 " + i);
            topic.propose("li.xiulan");
            topic.support("zhao.lei");
            topic.support("chen.fang");
            topics.add(topic);
        }
        return topics;
    }

    private static List<String> ids(List<SampleTopic> topics) {
        return topics.stream().map(SampleTopic::getId).toList();
    }
}
