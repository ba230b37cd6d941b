package org.shangliang.meetings;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.shangliang.contracts.EventCatalogue;
import org.shangliang.contracts.topic.TopicStatus;
import org.shangliang.platform.testing.Streams;

class SchedulingTest extends MeetingServiceTestSupport {

    @Test
    void theCommitteeSchedulesAMeetingForAcceptedTopicsOfItsCommunity() {
        String c = community();
        String elevator = topic(c, TopicStatus.ACCEPTED);
        String shed = topic(c, TopicStatus.ACCEPTED);
        var response = committee(c).post("/api/meetings", meetingJson(List.of(elevator, shed), Duration.ofDays(3),
                Duration.ofHours(2), "越江社区党群服务中心二楼", 40));
        assertThat(response.status()).isEqualTo(201);
        assertThat(response.text("status")).isEqualTo("SCHEDULED");
        assertThat(response.text("startsAt")).endsWith("+08:00");
        assertThat(response.body().get("participants").size()).isEqualTo(3);
        assertThat(response.raw().headers().firstValue("Location")).hasValue("/api/meetings/" + response.text("id"));
        var scheduled = Streams.events(EventCatalogue.MEETING_SCHEDULED, elevator, 1, Duration.ofSeconds(20));
        assertThat(scheduled).hasSize(1);
        assertThat(scheduled.get(0).topicIds()).containsExactly(elevator, shed);
        assertThat(resident(c, "zhao.lei").post("/api/meetings", meetingJson(List.of(elevator), Duration.ofDays(4),
                Duration.ofHours(1), "别处", 10)).status()).isEqualTo(403);
    }

    @Test
    void pastTimesEndsBeforeStartsAndBadFieldsAre400() {
        String c = community();
        String t = topic(c, TopicStatus.ACCEPTED);
        var past = committee(c).post("/api/meetings", meetingJson(List.of(t), Duration.ofHours(-2), Duration.ofHours(1), "会议室", 10));
        assertThat(past.status()).isEqualTo(400);
        assertThat(past.body().get("errors").get(0).get("field").asString()).isEqualTo("startsAt");
        var backwards = committee(c).post("/api/meetings", meetingJson(List.of(t), Duration.ofDays(2), Duration.ofHours(-1), "会议室", 10));
        assertThat(backwards.body().get("errors").get(0).get("field").asString()).isEqualTo("endsAt");
        var empty = committee(c).post("/api/meetings", "{\"topicIds\": [], \"capacity\": 0, \"format\": \"ONLINE\"}");
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.body().get("errors").valueStream().map(e -> e.get("field").asString()).toList())
                .contains("title", "topicIds", "startsAt", "endsAt", "location", "capacity");
    }

    @Test
    void onlyAcceptedTopicsOfTheCallersCommunityGoOnTheAgenda() {
        String c = community();
        String proposed = topic(c, TopicStatus.PROPOSED);
        var notAccepted = committee(c).post("/api/meetings", meetingJson(List.of(proposed), Duration.ofDays(2), Duration.ofHours(1), "会议室", 10));
        assertThat(notAccepted.status()).isEqualTo(409);
        assertThat(notAccepted.text("topicStatus")).isEqualTo("PROPOSED");
        var unknown = committee(c).post("/api/meetings", meetingJson(List.of("t-just-accepted"), Duration.ofDays(2), Duration.ofHours(1), "会议室", 10));
        assertThat(unknown.status()).isEqualTo(409);
        assertThat(unknown.text("detail")).contains("稍后重试");
        String elsewhere = topic(community(), TopicStatus.ACCEPTED);
        assertThat(committee(c).post("/api/meetings", meetingJson(List.of(elsewhere), Duration.ofDays(2), Duration.ofHours(1),
                "会议室", 10)).status()).isEqualTo(404);
    }

    @Test
    void twoMeetingsMayNotOverlapAtOneLocation() {
        String c = community();
        String first = schedule(c, List.of(topic(c, TopicStatus.ACCEPTED)), Duration.ofDays(5), "31号楼 架空层", 20);
        var clash = committee(c).post("/api/meetings", meetingJson(List.of(topic(c, TopicStatus.ACCEPTED)),
                Duration.ofDays(5).plusHours(1), Duration.ofHours(2), "31号楼  架空层", 20));
        assertThat(clash.status()).isEqualTo(409);
        assertThat(clash.text("otherMeetingId")).isEqualTo(first);
        assertThat(clash.text("detail")).contains("31号楼加装电梯协商议事会");
        schedule(c, List.of(topic(c, TopicStatus.ACCEPTED)), Duration.ofDays(5).plusHours(2), "31号楼 架空层", 20);
        schedule(c, List.of(topic(c, TopicStatus.ACCEPTED)), Duration.ofDays(5), "社区党群服务中心", 20);
        String other = community();
        var elsewhere = committee(other).post("/api/meetings", meetingJson(List.of(topic(other, TopicStatus.ACCEPTED)),
                Duration.ofDays(5), Duration.ofHours(2), "31号楼 架空层", 20));
        assertThat(elsewhere.status()).as("another community's room of the same name is another room").isEqualTo(201);
        assertThat(elsewhere.body().toString()).doesNotContain(first);
    }

    @Test
    void anotherCommunitysMeetingsDoNotExistForIt() {
        String c = community();
        String id = schedule(c, List.of(topic(c, TopicStatus.ACCEPTED)), Duration.ofDays(3), "会议室A", 20);
        String other = community();
        assertThat(resident(other, "liu.dehai").get("/api/meetings/" + id).status()).isEqualTo(404);
        assertThat(resident(other, "liu.dehai").post("/api/meetings/" + id + "/registrations", null).status()).isEqualTo(404);
        assertThat(resident(other, "liu.dehai").get("/api/meetings?size=100").body().get("total").asInt()).isZero();
    }

    @Test
    void aRedeliveredTopicEventIsAppliedOnce() {
        String c = community();
        String id = "t-" + java.util.UUID.randomUUID();
        String scope = c + "/yuejiang-xincun/31";
        Streams.publish(new org.shangliang.contracts.topic.TopicProposed(id, c, scope, "楼道灯更换",
                org.shangliang.contracts.topic.TopicCategory.SAFETY, "zhao.lei", "赵磊", 5, java.time.Instant.now()));
        var accepted = new org.shangliang.contracts.topic.TopicStatusChanged(id, c, scope, "楼道灯更换",
                org.shangliang.contracts.topic.TopicCategory.SAFETY, "zhao.lei", TopicStatus.PROPOSED, TopicStatus.ACCEPTED,
                "review", null, null, "committee", java.time.Instant.now());
        String acceptedId = Streams.publish(accepted);
        Streams.publish(new org.shangliang.contracts.topic.TopicStatusChanged(id, c, scope, "楼道灯更换",
                org.shangliang.contracts.topic.TopicCategory.SAFETY, "zhao.lei", TopicStatus.ACCEPTED, TopicStatus.REJECTED,
                "shangliang.meeting.concluded.v1", "不可行", null, "meeting-service", java.time.Instant.now().plusSeconds(1)));
        Streams.publish(accepted, acceptedId);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            var response = committee(c).post("/api/meetings", meetingJson(List.of(id), Duration.ofDays(2),
                    Duration.ofHours(1), "会议室D", 10));
            assertThat(response.status()).isEqualTo(409);
            assertThat(response.text("topicStatus")).isEqualTo("REJECTED");
        });
    }
}
