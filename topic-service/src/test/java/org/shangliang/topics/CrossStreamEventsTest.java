package org.shangliang.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.shangliang.contracts.EventCatalogue;
import org.shangliang.contracts.meeting.Resolution;
import org.shangliang.contracts.vote.BallotOutcome;
import org.shangliang.platform.testing.Streams;

/** Kafka delivers at least once, and the meetings and votes streams are not ordered with each other. */
class CrossStreamEventsTest extends TopicServiceTestSupport {

    @Test
    void aRedeliveredMeetingEventMovesTheTopicOnce() {
        String id = proposeAccepted("31号楼屋顶防水");
        String eventId = UUID.randomUUID().toString();
        Streams.publish(scheduled("m-" + id, id), eventId);
        Streams.publish(scheduled("m-" + id, id), eventId);
        awaitStatus(id, "IN_DELIBERATION");
        Streams.publish(concluded("m-" + id, id, Resolution.CONSENSUS));
        awaitStatus(id, "APPROVED");
        assertThat(Streams.events(EventCatalogue.TOPIC_STATUS_CHANGED, id, 4, Duration.ofSeconds(5)))
                .extracting(m -> m.from() + ">" + m.to())
                .containsExactly("PROPOSED>ACCEPTED", "ACCEPTED>IN_DELIBERATION", "IN_DELIBERATION>APPROVED");
    }

    @Test
    void ballotEventsOvertakingTheMeetingsEventsStillLeadThroughLegalMovesToTheOutcome() {
        String id = proposeAccepted("31号楼3单元加装电梯（乱序）");
        String meeting = "m-" + id;
        Streams.publish(opened("b-" + id, meeting, id));
        Streams.publish(closed("b-" + id, meeting, id, BallotOutcome.APPROVED));
        awaitStatus(id, "APPROVED");
        Streams.publish(scheduled(meeting, id));
        Streams.publish(concluded(meeting, id, Resolution.PUT_TO_VOTE));

        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(committee().get("/api/topics/" + id).text("status")).isEqualTo("APPROVED"));
        assertThat(Streams.events(EventCatalogue.TOPIC_STATUS_CHANGED, id, 5, Duration.ofSeconds(5)))
                .extracting(m -> m.from() + ">" + m.to())
                .containsExactly("PROPOSED>ACCEPTED", "ACCEPTED>IN_DELIBERATION", "IN_DELIBERATION>VOTING",
                        "VOTING>APPROVED");
        var timeline = committee().get("/api/topics/" + id + "/timeline").body().get("items");
        assertThat(timeline.valueStream().map(s -> s.get("kind").asString()).toList())
                .contains("BALLOT_OPENED", "BALLOT_CLOSED", "MEETING_SCHEDULED", "MEETING_CONCLUDED");
    }

    @Test
    void eventsAboutAnUnknownTopicAreSkippedWithoutStoppingTheStream() {
        String ghost = "no-such-topic-" + UUID.randomUUID();
        Streams.publish(scheduled("m-ghost", ghost));
        String id = proposeAccepted("楼道灯更换");
        Streams.publish(scheduled("m-" + id, id));
        awaitStatus(id, "IN_DELIBERATION");
    }
}
