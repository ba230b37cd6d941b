package org.shangliang.topics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.shangliang.platform.events.DeadLetterReplay;
import org.shangliang.platform.testing.Streams;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The runbook's "replay a DLT": records topic-service dead-lettered (its store was down, say) are applied
 * again through its own handlers once the cause is fixed, each once; other services' dead letters in the
 * same DLT are left to them.
 */
class DeadLetterReplayTest extends TopicServiceTestSupport {

    @Autowired
    DeadLetterReplay replay;

    @Test
    void topicServicesDeadLettersAreAppliedAgainOnceAndOtherServicesAreLeftAlone() {
        assertThat(replay.replay("shangliang.meetings").failure()).as("whatever earlier tests left").isNull();
        String ours = proposeAccepted("越江新村31号楼加装电梯（死信重放）");
        String theirs = proposeAccepted("越江新村98号楼车棚（其他服务的死信）");
        Streams.publish("shangliang.meetings.DLT", scheduled("m-" + ours, ours), UUID.randomUUID().toString(),
                Map.of("kafka_dlt-original-consumer-group", "topic-service", "kafka_dlt-original-topic", "shangliang.meetings"));
        Streams.publish("shangliang.meetings.DLT", scheduled("m-" + theirs, theirs), UUID.randomUUID().toString(),
                Map.of("kafka_dlt-original-consumer-group", "notification-service", "kafka_dlt-original-topic", "shangliang.meetings"));
        assertThat(committee().get("/api/topics/" + ours).text("status")).as("a dead letter waits").isEqualTo("ACCEPTED");

        DeadLetterReplay.Report report = replay.replay("shangliang.meetings");
        assertThat(report.failure()).isNull();
        assertThat(report.applied()).isEqualTo(1);
        assertThat(report.otherGroups()).isEqualTo(1);
        assertThat(committee().get("/api/topics/" + ours).text("status")).isEqualTo("IN_DELIBERATION");
        assertThat(committee().get("/api/topics/" + theirs).text("status")).isEqualTo("ACCEPTED");

        assertThat(replay.replay("shangliang.meetings").applied()).as("a second run starts where the first stopped").isZero();
    }
}
