package org.shangliang.meetings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shangliang.contracts.EventCatalogue;
import org.shangliang.contracts.topic.TopicStatus;
import org.shangliang.infra.SharedInfrastructure;
import org.shangliang.platform.testing.Streams;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Two instances on one database: each meeting is announced 24 hours ahead once per schedule. */
class RemindersTest extends MeetingServiceTestSupport {

    private ConfigurableApplicationContext second;

    @BeforeEach
    void startSecondInstance() {
        second = new SpringApplicationBuilder(MeetingServiceApplication.class).initializers(new SharedInfrastructure())
                .properties("spring.application.name=meeting-service",
                        "shangliang.meetings.reminder-interval=300ms", "shangliang.outbox.sweep-interval=500ms").run("--server.port=0");
    }

    @AfterEach
    void stopSecondInstance() {
        second.close();
    }

    @Test
    void remindedOnceAndAgainAfterARescheduleWithTwoInstancesRunning() {
        String c = community();
        String topic = topic(c, TopicStatus.ACCEPTED);
        String id = schedule(c, List.of(topic), Duration.ofHours(20), "会议室C", 20);
        await().atMost(Duration.ofSeconds(20)).until(() ->
                Streams.events(EventCatalogue.MEETING_REMINDER_DUE, topic, 1, Duration.ofSeconds(1)).size() == 1);
        assertThat(Streams.events(EventCatalogue.MEETING_REMINDER_DUE, topic, 2, Duration.ofSeconds(3))).hasSize(1);

        committee(c).put("/api/meetings/" + id + "/schedule", """
                {"startsAt": "%s", "endsAt": "%s", "location": "会议室C"}""".formatted(at(Duration.ofHours(22)),
                at(Duration.ofHours(23))));
        await().atMost(Duration.ofSeconds(20)).until(() ->
                Streams.events(EventCatalogue.MEETING_REMINDER_DUE, topic, 2, Duration.ofSeconds(1)).size() == 2);
        var reminders = Streams.events(EventCatalogue.MEETING_REMINDER_DUE, topic, 3, Duration.ofSeconds(3));
        assertThat(reminders).extracting(r -> r.sequence()).containsExactly(0, 1);
    }
}
