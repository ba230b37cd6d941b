package org.shangliang.platform.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shangliang.infra.TestInfrastructure;
import org.shangliang.platform.PlatformIntegrationTest;
import org.shangliang.platform.testapp.SupportTally;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

class EventConsumptionTest extends PlatformIntegrationTest {

    @Autowired
    MongoTemplate mongo;

    private KafkaProducer<String, byte[]> producer;

    @BeforeEach
    void connect() {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestInfrastructure.kafka().bootstrapServers()), new StringSerializer(), new ByteArraySerializer());
    }

    @AfterEach
    void disconnect() {
        producer.close();
    }

    @Test
    void theSameEventDeliveredTwiceIsAppliedOnce() throws Exception {
        String topicId = UUID.randomUUID().toString();
        String eventId = UUID.randomUUID().toString();
        send(topicId, eventId, "shangliang.topic.supported.v1", supported(topicId, "zhao.lei", 2));
        send(topicId, eventId, "shangliang.topic.supported.v1", supported(topicId, "zhao.lei", 2));
        send(topicId, UUID.randomUUID().toString(), "shangliang.topic.supported.v1", supported(topicId, "chen.fang", 3));

        await().atMost(Duration.ofSeconds(20)).until(() -> applied(topicId) == 2);
        await().during(Duration.ofSeconds(1)).until(() -> applied(topicId) == 2);
        SupportTally tally = mongo.findById(topicId, SupportTally.class);
        assertThat(tally.hasHandled(eventId)).isTrue();
    }

    @Test
    void anUndecodableRecordGoesToTheDeadLetterStreamAndTheNextRecordIsProcessed() throws Exception {
        String topicId = UUID.randomUUID().toString();
        String badId = UUID.randomUUID().toString();
        double deadBefore = deadLettered();
        send(topicId, badId, "shangliang.topic.supported.v1", "{\"topicId\": not json".getBytes(StandardCharsets.UTF_8));
        send(topicId, UUID.randomUUID().toString(), "shangliang.topic.supported.v1", supported(topicId, "li.xiulan", 4));

        await().atMost(Duration.ofSeconds(20)).until(() -> applied(topicId) == 1);
        var dead = read("shangliang.topics.DLT", r -> topicId.equals(r.key()), 1, Duration.ofSeconds(20));
        assertThat(dead).hasSize(1);
        assertThat(new String(dead.get(0).headers().lastHeader("ce_id").value(), StandardCharsets.UTF_8))
                .isEqualTo(badId);
        assertThat(new String(dead.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("{\"topicId\": not json");
        assertThat(new String(dead.get(0).headers().lastHeader("kafka_dlt-exception-fqcn").value(),
                StandardCharsets.UTF_8)).endsWith("ListenerExecutionFailedException");
        assertThat(deadLettered() - deadBefore).as("shangliang_events_dead_lettered_total{stream}: the operator's alert")
                .isEqualTo(1);
    }

    @Autowired
    MeterRegistry meters;

    private double deadLettered() {
        var counter = meters.find("shangliang.events.dead.lettered").tag("stream", "shangliang.topics").counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void eventsOfUnknownTypesAreSkippedWithoutStallingThePartition() throws Exception {
        String topicId = UUID.randomUUID().toString();
        send(topicId, UUID.randomUUID().toString(), "shangliang.topic.renamed.v7", "{}".getBytes(StandardCharsets.UTF_8));
        send(topicId, UUID.randomUUID().toString(), "shangliang.topic.supported.v1", supported(topicId, "li.xiulan", 2));

        await().atMost(Duration.ofSeconds(20)).until(() -> applied(topicId) == 1);
        assertThat(read("shangliang.topics.DLT", r -> topicId.equals(r.key()), 1, Duration.ofSeconds(2))).isEmpty();
    }

    private int applied(String topicId) {
        SupportTally tally = mongo.findById(topicId, SupportTally.class);
        return tally == null ? 0 : tally.getApplied();
    }

    private static byte[] supported(String topicId, String supporter, int count) {
        return ("{\"topicId\":\"" + topicId + "\",\"community\":\"yuejiang\",\"supporterId\":\"" + supporter
                + "\",\"supportCount\":" + count + ",\"supportedAt\":\"" + Instant.now() + "\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private void send(String key, String eventId, String type, byte[] data) throws Exception {
        var record = new ProducerRecord<>("shangliang.topics", key, data);
        CloudEventHeaders.write(record.headers(), new CloudEventAttributes(eventId, "/test", type, key, Instant.now(),
                "req-" + eventId, null));
        producer.send(record).get();
    }
}
