package org.shangliang.votes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shangliang.contracts.EventCatalogue;
import org.shangliang.contracts.meeting.BallotRule;
import org.shangliang.infra.SharedInfrastructure;
import org.shangliang.platform.testing.Streams;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** A second vote-service instance on the same database and broker: every ballot still opens and closes once. */
class TwoInstancesTest extends VoteServiceTestSupport {

    private ConfigurableApplicationContext second;

    @BeforeEach
    void startSecondInstance() {
        second = new SpringApplicationBuilder(VoteServiceApplication.class)
                .initializers(new SharedInfrastructure())
                .properties("spring.application.name=vote-service",
                        "shangliang.votes.clock-interval=300ms", "shangliang.outbox.sweep-interval=500ms")
                .run("--server.port=0");
    }

    @AfterEach
    void stopSecondInstance() {
        second.close();
    }

    @Test
    void bothClocksRunButTheBallotClosesAndIsCountedOnce() {
        String c = community();
        uploadRoll(c, roll(c));
        String topicId = "t-" + UUID.randomUUID();
        Streams.publish(putToVote(c, "m-" + topicId, topicId, c + "/yuejiang-xincun/31/3", BallotRule.CIVIL_CODE_ORDINARY,
                Instant.now().plus(Duration.ofSeconds(6))));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(committee(c)
                .get("/api/ballots?topicId=" + topicId).body().get("items").path(0).path("status").asString("")).isEqualTo("CLOSED"));
        assertThat(Streams.events(EventCatalogue.BALLOT_OPENED, topicId, 2, Duration.ofSeconds(3))).hasSize(1);
        assertThat(Streams.events(EventCatalogue.BALLOT_CLOSED, topicId, 2, Duration.ofSeconds(3))).hasSize(1);
    }
}
