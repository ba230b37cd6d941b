package org.shangliang.topics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.shangliang.contracts.EventCatalogue;
import org.shangliang.platform.events.CloudEventHeaders;
import org.shangliang.platform.testing.Streams;

/**
 * One trace from the request into the events it raises, and on from a consumed event into the events
 * its handling raises (issue 16 item 2): the outbox keeps each event's W3C trace context and the relay
 * writes it as the record's {@code traceparent} header next to the CloudEvents attributes.
 */
class TracingTest extends TopicServiceTestSupport {

    @Test
    void theEventsOfARequestCarryItsTraceIdAsAChildOfItsSpan() {
        String traceId = randomHex(16);
        String callerSpan = randomHex(8);
        var response = resident(unique("proposer")).withHeader("traceparent", "00-" + traceId + "-" + callerSpan + "-01")
                .post("/api/topics", """
                        {"title": "5号楼楼道装声控灯", "description": "晚上楼道太黑，老人上下楼容易摔倒。", "category": "ELEVATOR", "scope": "%s/3"}
                        """.formatted(BUILDING_31));
        assertThat(response.status()).isEqualTo(201);
        String id = response.text("id");

        String traceparent = Streams.header(record(EventCatalogue.TOPIC_PROPOSED.type(), id), "traceparent");
        assertThat(traceparent).as("the proposal's record continues the caller's trace")
                .matches("00-" + traceId + "-[0-9a-f]{16}-01")
                .doesNotContain(callerSpan);
    }

    @Test
    void anEventRaisedWhileHandlingAnotherContinuesThatEventsTrace() {
        String id = proposeAccepted("3号楼车棚加装充电桩");
        String traceId = randomHex(16);
        Streams.publish(scheduled("m-" + id, id), UUID.randomUUID().toString(), "00-" + traceId + "-" + randomHex(8) + "-01");
        awaitStatus(id, "IN_DELIBERATION");

        var changes = Streams.read(EventCatalogue.TOPIC_STATUS_CHANGED.stream().streamName(),
                r -> id.equals(r.key()) && EventCatalogue.TOPIC_STATUS_CHANGED.type().equals(Streams.header(r, CloudEventHeaders.TYPE)),
                2, Duration.ofSeconds(10));
        assertThat(changes).hasSize(2);
        assertThat(Streams.header(changes.get(1), "traceparent")).as("ACCEPTED>IN_DELIBERATION, raised by the meeting event")
                .startsWith("00-" + traceId + "-");
        assertThat(Streams.header(changes.get(0), "traceparent")).as("PROPOSED>ACCEPTED, raised by the committee's request")
                .isNotNull().doesNotContain(traceId);
    }

    private static ConsumerRecord<String, byte[]> record(String type, String topicId) {
        List<ConsumerRecord<String, byte[]>> found = Streams.read(EventCatalogue.TOPIC_PROPOSED.stream().streamName(),
                r -> topicId.equals(r.key()) && type.equals(Streams.header(r, CloudEventHeaders.TYPE)), 1, Duration.ofSeconds(10));
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    private static String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(b);
        b[0] |= 1; // never all zeros (an invalid id)
        return HexFormat.of().formatHex(b);
    }
}
