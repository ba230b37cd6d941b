package org.shangliang.meetings;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.property.Location;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.Test;
import org.shangliang.contracts.EventCatalogue;
import org.shangliang.contracts.meeting.Resolution;
import org.shangliang.contracts.topic.TopicCategory;
import org.shangliang.contracts.topic.TopicStatus;
import org.shangliang.platform.testing.Streams;

class MeetingLifeTest extends MeetingServiceTestSupport {

    @Test
    void exactlyCapacityRegistrationsSucceedWhenManyTryAtOnce() throws Exception {
        String c = community();
        String id = schedule(c, List.of(topic(c, TopicStatus.ACCEPTED)), Duration.ofDays(2), "活动室", 10);
        var pool = Executors.newFixedThreadPool(20);
        List<Callable<Integer>> tries = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            var resident = resident(c, "resident-" + i);
            tries.add(() -> resident.post("/api/meetings/" + id + "/registrations", null).status());
        }
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> f : pool.invokeAll(tries)) {
            statuses.add(f.get());
        }
        pool.shutdown();
        assertThat(statuses.stream().filter(s -> s == 201).count()).isEqualTo(10);
        assertThat(statuses.stream().filter(s -> s == 409).count()).isEqualTo(50);
        assertThat(committee(c).get("/api/meetings/" + id).body().get("registered").asInt()).isEqualTo(10);

        var again = resident(c, "resident-0");
        int first = statuses.get(0);
        assertThat(again.post("/api/meetings/" + id + "/registrations", null).status()).isEqualTo(409);
        if (first == 201) {
            assertThat(again.delete("/api/meetings/" + id + "/registrations").status()).isEqualTo(204);
        }
    }

    @Test
    void theCalendarFileParsesBackAndKeepsItsUidWhileItsSequenceRises() throws Exception {
        String c = community();
        String id = schedule(c, List.of(topic(c, TopicStatus.ACCEPTED)), Duration.ofDays(6), "越江社区党群服务中心", 30);
        VEvent before = event(resident(c, "zhao.lei").get("/api/meetings/" + id + "/calendar.ics").raw().body());
        assertThat(before.<Sequence>getProperty(Property.SEQUENCE).orElseThrow().getSequenceNo()).isZero();
        assertThat(before.getProperty(Property.DTSTART).orElseThrow().toString()).contains("TZID=Asia/Shanghai");
        assertThat(before.<Location>getProperty(Property.LOCATION).orElseThrow().getValue()).isEqualTo("越江社区党群服务中心");
        assertThat(before.getProperties(Property.DTSTAMP)).as("one DTSTAMP").hasSize(1);
        assertThat(before.getProperty(Property.DESCRIPTION).orElseThrow().getValue())
                .as("a description a person reads").isEqualTo("协商议事会 · 线上线下结合 · 议题：31号楼加装电梯");

        var moved = committee(c).put("/api/meetings/" + id + "/schedule", """
                {"startsAt": "%s", "endsAt": "%s", "location": "31号楼架空层"}""".formatted(at(Duration.ofDays(7)),
                at(Duration.ofDays(7).plusHours(2))));
        assertThat(moved.status()).isEqualTo(200);
        assertThat(moved.body().get("sequence").asInt()).isEqualTo(1);
        var raw = resident(c, "zhao.lei").get("/api/meetings/" + id + "/calendar.ics").raw();
        assertThat(raw.headers().firstValue("Content-Type")).get().asString().startsWith("text/calendar");
        VEvent after = event(raw.body());
        assertThat(after.getUid()).isEqualTo(before.getUid());
        assertThat(after.<Sequence>getProperty(Property.SEQUENCE).orElseThrow().getSequenceNo()).isEqualTo(1);
        assertThat(after.<Location>getProperty(Property.LOCATION).orElseThrow().getValue()).isEqualTo("31号楼架空层");
        assertThat(Streams.events(EventCatalogue.MEETING_RESCHEDULED, moved.body().get("topicIds").get(0).asString(), 1,
                Duration.ofSeconds(20)).get(0).sequence()).isEqualTo(1);
    }

    private static VEvent event(String ics) throws Exception {
        Calendar calendar = new CalendarBuilder().build(new StringReader(ics));
        calendar.validate();
        return calendar.<VEvent>getComponent("VEVENT").orElseThrow();
    }

    @Test
    void aCancelledMeetingSaysWhyAndTakesNoMoreRegistrations() {
        String c = community();
        String topic = topic(c, TopicStatus.ACCEPTED);
        String id = schedule(c, List.of(topic), Duration.ofDays(2), "会议室B", 10);
        var cancelled = committee(c).post("/api/meetings/" + id + "/cancellation", "{\"reason\": \"台风预警，改期另行通知\"}");
        assertThat(cancelled.text("status")).isEqualTo("CANCELLED");
        assertThat(Streams.events(EventCatalogue.MEETING_CANCELLED, topic, 1, Duration.ofSeconds(20)).get(0).reason())
                .isEqualTo("台风预警，改期另行通知");
        var late = resident(c, "zhao.lei").post("/api/meetings/" + id + "/registrations", null);
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.text("currentStatus")).isEqualTo("CANCELLED");
        assertThat(committee(c).post("/api/meetings/" + id + "/cancellation", "{\"reason\": \"again\"}").status()).isEqualTo(409);
        assertThat(committee(c).post("/api/meetings/" + id + "/cancellation", "{\"reason\": \"\"}").status()).isEqualTo(400);
    }

    @Test
    void aConclusionNeedsTheMeetingStartedAndExactlyOneValidOutcomePerAgendaTopic() throws Exception {
        String c = community();
        String elevator = topic(c, TopicStatus.ACCEPTED);
        String shed = topic(c, TopicStatus.ACCEPTED);
        String id = schedule(c, List.of(elevator, shed), Duration.ofSeconds(3), "议事厅", 30);
        String both = """
                {"outcomes": [
                  {"topicId": "%s", "resolution": "PUT_TO_VOTE", "proposal": "按楼层分摊费用加装电梯",
                   "ballot": {"rule": "CIVIL_CODE_MAJOR", "closesAt": "%s"}},
                  {"topicId": "%s", "resolution": "CONSENSUS", "proposal": "在北侧空地建设充电棚"}]}
                """.formatted(elevator, at(Duration.ofDays(14)), shed);
        var early = committee(c).post("/api/meetings/" + id + "/conclusion", both);
        assertThat(early.status()).isEqualTo(409);
        assertThat(early.text("detail")).as("no English piece in Chinese").isEqualTo("会议尚未开始，不能确定结论");
        assertThat(early.text("startsAt")).endsWith("+08:00");
        Thread.sleep(3_500);

        var missing = committee(c).post("/api/meetings/" + id + "/conclusion", """
                {"outcomes": [{"topicId": "%s", "resolution": "FURTHER_STUDY"}]}""".formatted(elevator));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.body().get("errors").get(0).get("message").asString())
                .as("the topic by its title, in Chinese").isEqualTo("议程上的议题“31号楼加装电梯”还没有结论");
        var extra = committee(c).post("/api/meetings/" + id + "/conclusion", """
                {"outcomes": [{"topicId": "%s", "resolution": "FURTHER_STUDY"}, {"topicId": "%s", "resolution": "FURTHER_STUDY"},
                              {"topicId": "t-not-on-agenda", "resolution": "FURTHER_STUDY"}]}""".formatted(elevator, shed));
        assertThat(extra.status()).isEqualTo(400);
        assertThat(extra.body().get("errors").get(0).get("field").asString()).isEqualTo("outcomes[2].topicId");
        var noBallot = committee(c).post("/api/meetings/" + id + "/conclusion", """
                {"outcomes": [{"topicId": "%s", "resolution": "PUT_TO_VOTE", "proposal": "加装电梯"},
                              {"topicId": "%s", "resolution": "NOT_FEASIBLE"}]}""".formatted(elevator, shed));
        assertThat(noBallot.body().get("errors").valueStream().map(e -> e.get("field").asString()).toList())
                .containsExactlyInAnyOrder("outcomes[0].ballot", "outcomes[1].reason");
        assertThat(noBallot.body().get("errors").valueStream().map(e -> e.get("message").asString()).toList())
                .as("no English piece in Chinese").containsExactlyInAnyOrder(
                        "提交业主表决，需要写明表决规则（rule）和截止时间（closesAt），开始时间（opensAt）不写就是马上开始",
                        "这种结论需要填写这一项");
        var inEnglish = committee(c).inEnglish().post("/api/meetings/" + id + "/conclusion", """
                {"outcomes": [{"topicId": "%s", "resolution": "PUT_TO_VOTE", "proposal": "加装电梯"},
                              {"topicId": "%s", "resolution": "NOT_FEASIBLE"}]}""".formatted(elevator, shed));
        assertThat(inEnglish.body().get("errors").valueStream().map(e -> e.get("message").asString()).toList())
                .contains("Required for this resolution");

        assertThat(committee(c).get("/api/meetings/" + id + "/minutes").status()).as("none recorded yet").isEqualTo(404);
        var minutes = committee(c).post("/api/meetings/" + id + "/minutes", """
                {"summary": "与会各方就低层采光与费用分摊充分发表意见",
                 "opinions": [{"speaker": "周建华", "affiliation": "RESIDENT_REP", "content": "一楼采光受影响，希望减免"},
                              {"speaker": "陆晓峰", "affiliation": "PROPERTY_COMPANY", "content": "物业配合管线迁移"}]}""");
        assertThat(minutes.status()).isEqualTo(200);
        assertThat(minutes.body().get("minutes").get("opinions").size()).isEqualTo(2);
        var readBack = committee(c).get("/api/meetings/" + id + "/minutes");
        assertThat(readBack.status()).isEqualTo(200);
        assertThat(readBack.text("summary")).isEqualTo("与会各方就低层采光与费用分摊充分发表意见");
        assertThat(readBack.body().get("opinions").get(1).get("speaker").asString()).isEqualTo("陆晓峰");

        var concluded = committee(c).post("/api/meetings/" + id + "/conclusion", both);
        assertThat(concluded.status()).isEqualTo(200);
        assertThat(concluded.text("status")).isEqualTo("CONCLUDED");
        String closesAt = concluded.body().get("outcomes").get(0).get("ballot").get("closesAt").asString();
        assertThat(closesAt).as("in the community's zone, to the second").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+08:00");
        assertThat(concluded.text("createdAt")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+08:00");
        var event = Streams.events(EventCatalogue.MEETING_CONCLUDED, elevator, 1, Duration.ofSeconds(20)).get(0);
        assertThat(event.outcomes()).hasSize(2);
        assertThat(event.outcomes().get(0).resolution()).isEqualTo(Resolution.PUT_TO_VOTE);
        assertThat(event.outcomes().get(0).scope()).isEqualTo(c + "/yuejiang-xincun/31");
        assertThat(event.outcomes().get(0).topicTitle()).as("the ballot can say what it is about").isEqualTo("31号楼加装电梯");
        assertThat(event.outcomes().get(0).ballot().closesAt()).isNotNull();
        assertThat(committee(c).post("/api/meetings/" + id + "/conclusion", both).status()).isEqualTo(409);
    }

    @Test
    void anElevatorProposalIsVotedWithACostTableThatCoversEveryFloor() throws Exception {
        String c = community();
        String elevator = topic(c, TopicStatus.ACCEPTED);
        String racks = topic(c, TopicStatus.ACCEPTED, TopicCategory.PUBLIC_FACILITY);
        String id = schedule(c, List.of(elevator, racks), Duration.ofSeconds(2), "议事厅", 30);
        Thread.sleep(2_500);
        String conclusion = """
                {"outcomes": [
                  {"topicId": "%s", "resolution": "PUT_TO_VOTE", "proposal": "3单元加装电梯，费用按楼层系数分摊",
                   "ballot": {"rule": "CIVIL_CODE_MAJOR", "closesAt": "%s"},
                   "costShare": {"totalCost": %s, "coefficients": [%s]}},
                  {"topicId": "%s", "resolution": "CONSENSUS", "proposal": "增设晾衣架 12 组"%s}]}""";
        String closes = at(Duration.ofDays(14));
        String sixFloors = "{\"floor\": 1, \"coefficient\": 0}, {\"floor\": 2, \"coefficient\": 0.6}, "
                + "{\"floor\": 3, \"coefficient\": 0.8}, {\"floor\": 4, \"coefficient\": 1.0}, "
                + "{\"floor\": 5, \"coefficient\": 1.2}, {\"floor\": 6, \"coefficient\": 1.4}";

        var gap = committee(c).post("/api/meetings/" + id + "/conclusion", conclusion.formatted(elevator, closes,
                "360000", "{\"floor\": 1, \"coefficient\": 0}, {\"floor\": 3, \"coefficient\": 1}", racks, ""));
        assertThat(gap.status()).isEqualTo(400);
        assertThat(gap.text("detail")).isEqualTo("分摊表要覆盖 1 到 3 楼的每一层，缺少：2 楼");
        assertThat(gap.body().get("errors").get(0).get("field").asString()).isEqualTo("outcomes[0].costShare.coefficients");

        var allZero = committee(c).post("/api/meetings/" + id + "/conclusion", conclusion.formatted(elevator, closes,
                "360000", "{\"floor\": 1, \"coefficient\": 0}", racks, ""));
        assertThat(allZero.text("detail")).isEqualTo("至少要有一层的系数大于 0");

        var halfFen = committee(c).post("/api/meetings/" + id + "/conclusion", conclusion.formatted(elevator, closes,
                "360000.005", sixFloors, racks, ""));
        assertThat(halfFen.body().get("errors").get(0).get("field").asString()).isEqualTo("outcomes[0].costShare.totalCost");

        var onRacks = committee(c).post("/api/meetings/" + id + "/conclusion", conclusion.formatted(elevator, closes,
                "360000", sixFloors, racks, ", \"costShare\": {\"totalCost\": 1000, \"coefficients\": [{\"floor\": 1, "
                        + "\"coefficient\": 1}]}"));
        assertThat(onRacks.status()).isEqualTo(400);
        assertThat(onRacks.body().get("errors").get(0).get("field").asString()).isEqualTo("outcomes[1].costShare");

        var concluded = committee(c).post("/api/meetings/" + id + "/conclusion", conclusion.formatted(elevator, closes,
                "360000", sixFloors, racks, ""));
        assertThat(concluded.status()).isEqualTo(200);
        assertThat(concluded.body().get("outcomes").get(0).get("costShare").get("coefficients").size()).isEqualTo(6);
        var event = Streams.events(EventCatalogue.MEETING_CONCLUDED, elevator, 1, Duration.ofSeconds(20)).get(0);
        assertThat(event.outcomes().get(0).costShare().totalCost()).isEqualByComparingTo("360000.00");
        assertThat(event.outcomes().get(0).costShare().coefficients().get(5).coefficient()).isEqualByComparingTo("1.4");
        assertThat(event.outcomes().get(1).costShare()).isNull();
    }
}
