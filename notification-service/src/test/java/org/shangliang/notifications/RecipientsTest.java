package org.shangliang.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.shangliang.contracts.meeting.Affiliation;
import org.shangliang.contracts.meeting.BallotRule;
import org.shangliang.contracts.meeting.MeetingCancelled;
import org.shangliang.contracts.meeting.MeetingConcluded;
import org.shangliang.contracts.meeting.MeetingFormat;
import org.shangliang.contracts.meeting.MeetingReminderDue;
import org.shangliang.contracts.meeting.MeetingRescheduled;
import org.shangliang.contracts.meeting.MeetingScheduled;
import org.shangliang.contracts.meeting.Participant;
import org.shangliang.contracts.meeting.RegistrationAdded;
import org.shangliang.contracts.meeting.RegistrationCancelled;
import org.shangliang.contracts.topic.Decision;
import org.shangliang.contracts.topic.DecisionSource;
import org.shangliang.contracts.topic.TopicCategory;
import org.shangliang.contracts.topic.TopicCompleted;
import org.shangliang.contracts.topic.TopicProposed;
import org.shangliang.contracts.topic.TopicStatus;
import org.shangliang.contracts.topic.TopicStatusChanged;
import org.shangliang.contracts.topic.TopicSupported;
import org.shangliang.contracts.topic.TopicThresholdReached;
import org.shangliang.contracts.vote.BallotClosed;
import org.shangliang.contracts.vote.BallotExtended;
import org.shangliang.contracts.vote.BallotOpened;
import org.shangliang.contracts.vote.BallotOutcome;
import org.shangliang.contracts.vote.BallotReminderDue;
import org.shangliang.contracts.vote.ElectoratePublished;
import org.shangliang.contracts.vote.Tally;
import org.shangliang.platform.testing.ApiClient;
import org.shangliang.platform.testing.Streams;
import org.shangliang.platform.web.ApiTime;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/** API.md's "who is told what", every notification type, against the real broker and store. */
class RecipientsTest extends NotificationServiceTestSupport {

    @Autowired
    MongoTemplate mongo;

    @Test
    void everyTypeReachesExactlyThePeopleItConcerns() {
        String c = community();
        String topic = "t-" + UUID.randomUUID();
        String proposer = person("li.xiulan");
        String supporter = person("zhao.lei");
        String bystander = person("wu.meifang");
        String participant = person("wang.jianguo");
        String registrant = person("chen.fang");
        String owner = person("zhang.weimin");
        String meeting = "m-" + topic;
        String ballot = "b-" + topic;
        String scope = c + "/yuejiang-xincun/31/3";
        Instant now = Instant.now();
        ApiClient committee = committee(c, person("committee"));

        Streams.publish(new TopicProposed(topic, c, scope, "31号楼3单元加装电梯", TopicCategory.ELEVATOR, proposer, "李秀兰", 2, now));
        Streams.publish(new TopicSupported(topic, c, supporter, 2, now));
        Streams.publish(new TopicThresholdReached(topic, c, scope, "31号楼3单元加装电梯", 2, 2, now));
        Streams.publish(new TopicStatusChanged(topic, c, scope, "31号楼3单元加装电梯", TopicCategory.ELEVATOR, proposer,
                TopicStatus.PROPOSED, TopicStatus.ACCEPTED, "review", null, null, "committee", now));
        // days pass between a topic's supports and its meeting: let the topic stream be applied first
        inboxWith(resident(c, proposer), 1);
        Streams.publish(new MeetingScheduled(meeting, c, "加装电梯协商议事会", List.of(topic), now.plusSeconds(86_400),
                now.plusSeconds(93_600), "党群服务中心", MeetingFormat.IN_PERSON, 30,
                List.of(new Participant("王建国", participant, Affiliation.RESIDENT_REP),
                        new Participant("陆晓峰", null, Affiliation.PROPERTY_COMPANY)), "committee", now));
        Streams.publish(new RegistrationAdded(meeting, c, List.of(topic), registrant, 1, now));
        Streams.publish(new MeetingRescheduled(meeting, c, "加装电梯协商议事会", List.of(topic), now.plusSeconds(90_000),
                now.plusSeconds(97_200), "31号楼架空层", now.plusSeconds(86_400), "党群服务中心", 1, now));
        Streams.publish(new MeetingReminderDue(meeting, c, "加装电梯协商议事会", List.of(topic), now.plusSeconds(90_000),
                "31号楼架空层", 1));
        Streams.publish(new MeetingConcluded(meeting, c, "加装电梯协商议事会", List.of(topic), List.of(), "committee", now));
        Streams.publish(new BallotOpened(ballot, topic, meeting, c, scope, BallotRule.CIVIL_CODE_MAJOR, "按楼层分摊费用",
                now, now.plusSeconds(604_800), new Tally(2, new BigDecimal("127.66")), 1));
        Streams.publish(new ElectoratePublished(ballot, topic, c, 1, 1, List.of(owner, proposer)));
        Streams.publish(new BallotReminderDue(ballot, topic, c, now.plusSeconds(604_800), 1, 1, List.of(owner),
                new Tally(1, new BigDecimal("66.20")), new Tally(2, new BigDecimal("127.66"))));
        Streams.publish(new BallotExtended(ballot, topic, c, now.plusSeconds(604_800), now.plusSeconds(1_209_600),
                "春节期间不少业主在外地，延长一周便于入户征询", "committee", now));
        Streams.publish(new BallotClosed(ballot, topic, meeting, c, BallotRule.CIVIL_CODE_MAJOR, BallotOutcome.APPROVED,
                true, new Tally(2, new BigDecimal("127.66")), new Tally(2, new BigDecimal("127.66")),
                new Tally(2, new BigDecimal("127.66")), new Tally(0, BigDecimal.ZERO), new Tally(0, BigDecimal.ZERO), now));
        Streams.publish(new TopicStatusChanged(topic, c, scope, "31号楼3单元加装电梯", TopicCategory.ELEVATOR, proposer,
                TopicStatus.VOTING, TopicStatus.APPROVED, "vote", null, new Decision("APPROVED", DecisionSource.VOTE, ballot, now),
                "vote-service", now));
        Streams.publish(new TopicCompleted(topic, c, "31号楼3单元加装电梯", "电梯通过验收", "staff", now));
        String other = "m-other-" + topic;
        Streams.publish(new MeetingCancelled(other, c, "另一场会", List.of("t-unrelated"), "台风", now));

        assertThat(types(inboxWith(committee, 3))).containsExactlyInAnyOrder("TOPIC_PROPOSED", "TOPIC_THRESHOLD_REACHED",
                "BALLOT_CLOSED");
        assertThat(types(inboxWith(committee(c, person("new.member")), 3))).as("a committee member who signs in later")
                .containsExactlyInAnyOrder("TOPIC_PROPOSED", "TOPIC_THRESHOLD_REACHED", "BALLOT_CLOSED");
        var staffInbox = inboxWith(staff(c), 1);
        assertThat(types(staffInbox)).as("staff start implementing what is approved").containsExactly("IMPLEMENTATION_DUE");
        assertThat(staffInbox.get("items").get(0).get("title").asString()).isEqualTo("待安排实施：31号楼3单元加装电梯");
        assertThat(staffInbox.get("items").get(0).get("link").asString()).isEqualTo("/topics/" + topic);
        assertThat(types(inboxWith(resident(c, proposer), 10))).containsExactlyInAnyOrder("TOPIC_STATUS_CHANGED",
                "MEETING_SCHEDULED", "MEETING_RESCHEDULED", "MEETING_REMINDER", "MEETING_CONCLUDED", "BALLOT_OPENED",
                "BALLOT_EXTENDED", "BALLOT_CLOSED", "TOPIC_STATUS_CHANGED", "TOPIC_COMPLETED");
        assertThat(types(inboxWith(resident(c, supporter), 8))).as("a supporter hears the ballot's result too")
                .containsExactlyInAnyOrder("TOPIC_STATUS_CHANGED", "MEETING_SCHEDULED", "MEETING_RESCHEDULED",
                        "MEETING_REMINDER", "MEETING_CONCLUDED", "BALLOT_CLOSED", "TOPIC_STATUS_CHANGED", "TOPIC_COMPLETED");
        assertThat(types(inboxWith(resident(c, participant), 4))).containsExactlyInAnyOrder("MEETING_SCHEDULED",
                "MEETING_RESCHEDULED", "MEETING_REMINDER", "MEETING_CONCLUDED");
        assertThat(types(inboxWith(resident(c, registrant), 3))).containsExactlyInAnyOrder("MEETING_RESCHEDULED",
                "MEETING_REMINDER", "MEETING_CONCLUDED");
        var ownersInbox = inboxWith(resident(c, owner), 4);
        assertThat(types(ownersInbox)).containsExactlyInAnyOrder("BALLOT_OPENED", "BALLOT_REMINDER",
                "BALLOT_EXTENDED", "BALLOT_CLOSED");
        assertThat(ownersInbox.get("items").valueStream().filter(n -> n.get("type").asString().equals("BALLOT_EXTENDED"))
                .findFirst().orElseThrow().get("body").asString()).contains("春节期间").contains(
                ApiTime.of(now.plusSeconds(1_209_600)).format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")));
        var closedNotice = ownersInbox.get("items").valueStream().filter(n -> n.get("type").asString().equals("BALLOT_CLOSED"))
                .findFirst().orElseThrow();
        assertThat(closedNotice.get("title").asString()).as("names the topic").isEqualTo("表决结果：31号楼3单元加装电梯：已通过");
        assertThat(closedNotice.get("body").asString()).contains("参加 2 户，共 2 户", "同意 2 户", "反对 0 户");
        assertThat(closedNotice.get("link").asString()).isEqualTo("/ballots/" + ballot);
        var openedNotice = ownersInbox.get("items").valueStream().filter(n -> n.get("type").asString().equals("BALLOT_OPENED"))
                .findFirst().orElseThrow();
        assertThat(openedNotice.get("body").asString()).as("the deadline").contains(
                ApiTime.of(now.plusSeconds(604_800)).format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")));
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> true);
        assertThat(resident(c, bystander).get("/api/notifications").body().get("total").asInt()).isZero();
        assertThat(resident(community(), proposer).get("/api/notifications").body().get("items").valueStream()
                .filter(n -> n.get("type").asString().equals("TOPIC_PROPOSED")).count()).isZero();
    }

    @Test
    void aStepToldByItsOwnNoticeIsNotToldAgainAsAStatusChange() {
        String c = community();
        String topic = "t-" + UUID.randomUUID();
        String ballot = "b-" + topic;
        String owner = person("zhang.weimin");
        String tenant = person("yang.tenant");
        String scope = c + "/yuejiang-xincun/31/3";
        Instant now = Instant.now();
        Streams.publish(new TopicProposed(topic, c, scope, "31号楼3单元加装电梯", TopicCategory.ELEVATOR, owner, "张为民", 2, now));
        Streams.publish(new TopicSupported(topic, c, tenant, 2, now));
        Streams.publish(new BallotOpened(ballot, topic, "m-1", c, scope, BallotRule.CIVIL_CODE_MAJOR, "按楼层分摊费用",
                now, now.plusSeconds(604_800), new Tally(1, new BigDecimal("61.46")), 1));
        Streams.publish(new ElectoratePublished(ballot, topic, c, 1, 1, List.of(owner)));
        inboxWith(resident(c, owner), 1);
        Streams.publish(new TopicStatusChanged(topic, c, scope, "31号楼3单元加装电梯", TopicCategory.ELEVATOR, owner,
                TopicStatus.IN_DELIBERATION, TopicStatus.VOTING, "shangliang.vote.ballot-opened.v1", null, null,
                "vote-service", now));
        Streams.publish(new TopicStatusChanged(topic, c, scope, "31号楼3单元加装电梯", TopicCategory.ELEVATOR, owner,
                TopicStatus.IMPLEMENTING, TopicStatus.COMPLETED, "completion", null, null, "staff", now));
        Streams.publish(new TopicCompleted(topic, c, "31号楼3单元加装电梯", "电梯通过验收", "staff", now));

        assertThat(types(inboxWith(resident(c, tenant), 2))).as("a tenant is not in the electorate: the move tells her")
                .containsExactlyInAnyOrder("TOPIC_STATUS_CHANGED", "TOPIC_COMPLETED");
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> true);
        assertThat(types(resident(c, owner).get("/api/notifications?size=100").body()))
                .as("the owner heard of the vote by its own notice, of completion once")
                .containsExactlyInAnyOrder("BALLOT_OPENED", "TOPIC_COMPLETED");
    }

    @Test
    void aResidentWhoCancelsHerRegistrationHearsNoMoreOfTheMeeting() {
        String c = community();
        String topic = "t-" + UUID.randomUUID();
        String meeting = "m-" + UUID.randomUUID();
        String stays = person("chen.fang");
        String leaves = person("zheng.haibo");
        Instant now = Instant.now();
        Streams.publish(new MeetingScheduled(meeting, c, "加装电梯协商议事会", List.of(topic), now.plusSeconds(86_400),
                now.plusSeconds(93_600), "越江社区党群服务中心", MeetingFormat.IN_PERSON, 40, List.of(), "wang.jianguo", now));
        Streams.publish(new RegistrationAdded(meeting, c, List.of(topic), stays, 1, now));
        Streams.publish(new RegistrationAdded(meeting, c, List.of(topic), leaves, 2, now));
        Streams.publish(new RegistrationCancelled(meeting, c, List.of(topic), leaves, 1, now));
        Streams.publish(new MeetingRescheduled(meeting, c, "加装电梯协商议事会", List.of(topic), now.plusSeconds(172_800),
                now.plusSeconds(180_000), "越江社区党群服务中心二楼", now.plusSeconds(86_400), "越江社区党群服务中心", 1, now));
        assertThat(types(inboxWith(resident(c, stays), 1))).contains("MEETING_RESCHEDULED");
        assertThat(types(resident(c, leaves).get("/api/notifications?size=100").body()))
                .as("she cancelled before the meeting moved").doesNotContain("MEETING_RESCHEDULED");
    }

    @Test
    void aRedeliveredEventMakesOneNotificationPerRecipient() {
        String c = community();
        String topic = "t-" + UUID.randomUUID();
        String proposer = person("li");
        var proposed = new TopicProposed(topic, c, c + "/x", "晾衣架", TopicCategory.PUBLIC_FACILITY, proposer, "李", 5, Instant.now());
        Streams.publish(proposed);
        var changed = new TopicStatusChanged(topic, c, c + "/x", "晾衣架", TopicCategory.PUBLIC_FACILITY, proposer,
                TopicStatus.PROPOSED, TopicStatus.ACCEPTED, "review", null, null, "committee", Instant.now());
        String id = Streams.publish(changed);
        Streams.publish(changed, id);
        Streams.publish(changed, id);
        var inbox = inboxWith(resident(c, proposer), 1);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() ->
                resident(c, proposer).get("/api/notifications").body().get("total").asInt() == 1);
        assertThat(inbox.get("items").get(0).get("title").asString()).isEqualTo("议题“晾衣架”：已受理");
        assertThat(resident(c, proposer).inEnglish().get("/api/notifications").body().get("items").get(0).get("title")
                .asString()).isEqualTo("“晾衣架”: accepted");
    }

    @Test
    void readOneAndReadAllAndTheUnreadCount() {
        String c = community();
        String member = person("committee");
        ApiClient committee = committee(c, member);
        for (int i = 0; i < 3; i++) {
            Streams.publish(new TopicProposed("t-" + UUID.randomUUID(), c, c + "/x", "议题" + i, TopicCategory.OTHER,
                    "someone", "某人", 5, Instant.now()));
        }
        var inbox = inboxWith(committee, 3);
        assertThat(inbox.get("unreadCount").asInt()).isEqualTo(3);
        String first = inbox.get("items").get(0).get("id").asString();
        assertThat(committee.post("/api/notifications/" + first + "/read", null).status()).isEqualTo(204);
        assertThat(committee.get("/api/notifications").body().get("unreadCount").asInt()).isEqualTo(2);
        assertThat(committee(c, person("other")).get("/api/notifications").body().get("unreadCount").asInt())
                .as("another member's read state is their own").isEqualTo(3);
        assertThat(committee.get("/api/notifications?unread=true").body().get("total").asInt()).isEqualTo(2);
        assertThat(committee.post("/api/notifications/read-all", null).status()).isEqualTo(204);
        assertThat(committee.get("/api/notifications").body().get("unreadCount").asInt()).isZero();
        assertThat(resident(c, person("r")).post("/api/notifications/" + first + "/read", null).status()).isEqualTo(404);
    }

    @Test
    void aParticipantOfAnotherCommunityIsNeitherShownNorMailedTheMeeting() {
        String c = community();
        String elsewhere = community();
        String insider = person("wang.jianguo");
        String outsider = person("tang.jun");
        confirmedEmail(resident(elsewhere, outsider), outsider + "@example.cn", """
                {"email": "%s@example.cn", "channels": {"inApp": true, "email": true}}""".formatted(outsider));
        String meeting = "m-" + UUID.randomUUID();
        Instant now = Instant.now();
        Streams.publish(new MeetingScheduled(meeting, c, "加装电梯协商议事会", List.of("t-" + meeting), now.plusSeconds(86_400),
                now.plusSeconds(93_600), "党群服务中心", MeetingFormat.IN_PERSON, 30,
                List.of(new Participant("王建国", insider, Affiliation.RESIDENT_REP),
                        new Participant("唐军", outsider, Affiliation.GRID_WORKER)), "committee", now));

        assertThat(types(inboxWith(resident(c, insider), 1))).containsExactly("MEETING_SCHEDULED");
        assertThat(resident(elsewhere, outsider).get("/api/notifications").body().get("total").asInt())
                .as("the meeting is 404 to them; so is its news").isZero();
        assertThat(mongo.count(new Query(Criteria.where("recipientId").is(outsider).and("type").ne("EMAIL_VERIFICATION")),
                "email_deliveries")).as("no mail but the code that confirmed the address").isZero();
    }
}
