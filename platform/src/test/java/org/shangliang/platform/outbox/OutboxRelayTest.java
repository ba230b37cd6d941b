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

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
