package org.shangliang.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.shangliang.infra.TestInfrastructure;
import org.shangliang.platform.PlatformIntegrationTest;
import org.shangliang.platform.events.CloudEventHeaders;
import org.shangliang.platform.testapp.SampleTopic;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

class OutboxRelayTest extends PlatformIntegrationTest {

    @Autowired
    MongoTemplate mongo;

    @Autowired
    OutboxRelay relay;

    @Test
    void eventsSavedWhileTheBrokerIsDownArriveInOrderOnceAfterItComesBack() {
        String id = UUID.randomUUID().toString();
        var topic = new SampleTopic(id, "31号楼3单元加装电梯");
        topic.propose("li.xiulan");
        topic.support("zhao.lei");
        topic.support("chen.fang");

        TestInfrastructure.kafka().stop();
        try {
            mongo.save(topic);
            // the relay tries right away and the sweep keeps trying: nothing may leave the document
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                    .until(() -> mongo.findById(id, SampleTopic.class).getOutbox().size() == 3);
        } finally {
            TestInfrastructure.kafka().start();
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> mongo.findById(id, SampleTopic.class).getOutbox().isEmpty());
        List<ConsumerRecord<String, byte[]>> records = read("shangliang.topics", r -> id.equals(r.key()), 4,
                Duration.ofSeconds(5));

        assertThat(records).extracting(r -> header(r, CloudEventHeaders.TYPE)).containsExactly(
                "shangliang.topic.proposed.v1", "shangliang.topic.supported.v1", "shangliang.topic.supported.v1");
        assertThat(records).extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
                .element(2).asString().contains("\"supporterId\":\"chen.fang\"", "\"supportCount\":3");
        assertThat(records).extracting(r -> header(r, CloudEventHeaders.ID)).doesNotHaveDuplicates();
        assertThat(records).allSatisfy(r -> {
            assertThat(header(r, CloudEventHeaders.SPEC_VERSION)).isEqualTo("1.0");
            assertThat(header(r, CloudEventHeaders.SUBJECT)).isEqualTo(id);
            assertThat(header(r, CloudEventHeaders.SOURCE)).isEqualTo("/shangliang/topic-service");
            assertThat(header(r, CloudEventHeaders.CONTENT_TYPE)).isEqualTo("application/json");
        });
        assertThat(records).extracting(ConsumerRecord::partition).containsOnly(records.get(0).partition());
    }

    @Test
    void aSecondRelayOfTheSameAggregateFindsNothingLeftToPublish() {
        String id = UUID.randomUUID().toString();
        var topic = new SampleTopic(id, "晾衣架改造");
        topic.propose("wang.jianguo");
        mongo.save(topic);

        await().atMost(Duration.ofSeconds(20)).until(() -> mongo.findById(id, SampleTopic.class).getOutbox().isEmpty());
        assertThat(relay.relay("sample_topics", id)).isZero();
        assertThat(read("shangliang.topics", r -> id.equals(r.key()), 2, Duration.ofSeconds(3))).hasSize(1);
    }

    @Test
    void anAggregateLeasedByAnotherRelayIsLeftToItWhileTheRestOfItsBatchIsPublished() {
        List<String> ids = List.of(UUID.randomUUID().toString(), UUID.randomUUID().toString(), UUID.randomUUID().toString());
        String held = ids.get(0);
        // another instance is relaying the first one right now
        mongo.getCollection(OutboxRelay.LEASES).insertOne(new org.bson.Document("_id", "sample_topics/" + held)
                .append("token", "another-instance").append("until", java.util.Date.from(java.time.Instant.now().plusSeconds(60))));
        relay.stop(); // saved while this relay is stopped, so the batch below is the first to see them
        try {
            for (String id : ids) {
                var topic = new SampleTopic(id, "易家桥新村5号楼晾衣架");
                topic.propose("sun.lihua");
                mongo.save(topic);
            }
            assertThat(relay.relayAll("sample_topics", List.copyOf(ids)))
                    .as("the two free ones are published in one batch; the held one is not this relay's").isEqualTo(2);
        } finally {
            relay.start();
        }
        assertThat(mongo.findById(ids.get(1), SampleTopic.class).getOutbox()).isEmpty();
        assertThat(mongo.findById(ids.get(2), SampleTopic.class).getOutbox()).isEmpty();
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3))
                .until(() -> mongo.findById(held, SampleTopic.class).getOutbox().size() == 1);

        // that instance dies without giving the lease back: the sweep takes the aggregate over once the lease expires
        mongo.getCollection(OutboxRelay.LEASES).updateOne(com.mongodb.client.model.Filters.eq("_id", "sample_topics/" + held),
                com.mongodb.client.model.Updates.set("until", java.util.Date.from(java.time.Instant.now().minusSeconds(1))));
        await().atMost(Duration.ofSeconds(20)).until(() -> mongo.findById(held, SampleTopic.class).getOutbox().isEmpty());
        var records = read("shangliang.topics", r -> ids.contains(r.key()), 4, Duration.ofSeconds(5));
        assertThat(records).extracting(ConsumerRecord::key).containsExactlyInAnyOrderElementsOf(ids);
    }

    @Test
    void oneSweepHandsOverABacklogLargerThanItsPage() {
        // a watched collection is swept rarely (the electors: once a minute); after an outage its whole backlog must go
        String collection = "sample_backlog_" + UUID.randomUUID().toString().substring(0, 8);
        relay.stop();
        try {
            for (int i = 0; i < 1_200; i++) {
                var topic = new SampleTopic(UUID.randomUUID().toString(), "越江新村31号楼电动车充电棚 " + i);
                topic.propose("zhou.jianhua");
                mongo.save(topic, collection);
            }
            relay.watch(collection, Duration.ofHours(1));
        } finally {
            relay.start(); // its first sweep is the only one of that collection within the hour
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> mongo.getCollection(collection)
                .countDocuments(com.mongodb.client.model.Filters.exists("outbox.0")) == 0);
        assertThat(mongo.getCollection(collection).countDocuments()).isEqualTo(1_200);
    }

    @Test
    void manyAggregatesRelayedAtOnceKeepEachOnesOrderAndPublishEveryEventOnce() throws Exception {
        List<String> ids = new java.util.ArrayList<>();
        var savers = java.util.concurrent.Executors.newFixedThreadPool(6);
        for (int i = 0; i < 60; i++) {
            String id = UUID.randomUUID().toString();
            ids.add(id);
            savers.execute(() -> {
                var topic = new SampleTopic(id, "31号楼充电棚");
                topic.propose("zhao.lei");
                for (String neighbour : List.of("chen.fang", "zheng.haibo", "sun.lihua", "wu.meifang")) {
                    topic.support(neighbour);
                }
                mongo.save(topic);
                // a second save with one more event while the first ones may be in flight
                var again = mongo.findById(id, SampleTopic.class);
                again.support("zhou.jianhua");
                mongo.save(again);
            });
        }
        savers.shutdown();
        assertThat(savers.awaitTermination(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        relay.sweep(); // the sweep hands over whatever the live relays have not taken yet, in parallel with them
        await().atMost(Duration.ofSeconds(60)).until(() -> ids.stream()
                .allMatch(id -> mongo.findById(id, SampleTopic.class).getOutbox().isEmpty()));
        var records = read("shangliang.topics", r -> ids.contains(r.key()), ids.size() * 6, Duration.ofSeconds(20));
        assertThat(records).extracting(r -> header(r, CloudEventHeaders.ID)).doesNotHaveDuplicates();
        for (String id : ids) {
            List<String> counts = records.stream().filter(r -> id.equals(r.key()))
                    .map(r -> header(r, CloudEventHeaders.TYPE).equals("shangliang.topic.proposed.v1") ? "1"
                            : new String(r.value(), StandardCharsets.UTF_8).replaceAll(".*\"supportCount\":(\\d+).*", "$1"))
                    .toList();
            assertThat(counts).as("the events of %s in the order they happened", id)
                    .containsExactly("1", "2", "3", "4", "5", "6");
        }
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
