package org.shangliang.contracts;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.shangliang.contracts.meeting.Affiliation;
import org.shangliang.contracts.meeting.BallotRule;
import org.shangliang.contracts.meeting.BallotSpec;
import org.shangliang.contracts.meeting.CostShareSpec;
import org.shangliang.contracts.meeting.MeetingCancelled;
import org.shangliang.contracts.meeting.MeetingConcluded;
import org.shangliang.contracts.meeting.MeetingFormat;
import org.shangliang.contracts.meeting.MeetingReminderDue;
import org.shangliang.contracts.meeting.MeetingRescheduled;
import org.shangliang.contracts.meeting.MeetingScheduled;
import org.shangliang.contracts.meeting.MinutesRecorded;
import org.shangliang.contracts.meeting.Outcome;
import org.shangliang.contracts.meeting.Participant;
import org.shangliang.contracts.meeting.RegistrationAdded;
import org.shangliang.contracts.meeting.RegistrationCancelled;
import org.shangliang.contracts.meeting.Resolution;
import org.shangliang.contracts.topic.Decision;
import org.shangliang.contracts.topic.DecisionSource;
import org.shangliang.contracts.topic.FollowUpRecorded;
import org.shangliang.contracts.topic.OpinionPosted;
import org.shangliang.contracts.topic.OpinionStance;
import org.shangliang.contracts.topic.ProgressRecorded;
import org.shangliang.contracts.topic.TopicCategory;
import org.shangliang.contracts.topic.TopicCompleted;
import org.shangliang.contracts.topic.TopicFollowUpNeeded;
import org.shangliang.contracts.topic.TopicProposed;
import org.shangliang.contracts.topic.TopicRated;
import org.shangliang.contracts.topic.TopicStatus;
import org.shangliang.contracts.topic.TopicStatusChanged;
import org.shangliang.contracts.topic.TopicSupportWithdrawn;
import org.shangliang.contracts.topic.TopicSupported;
import org.shangliang.contracts.topic.TopicThresholdReached;
import org.shangliang.contracts.vote.BallotClosed;
import org.shangliang.contracts.vote.BallotExtended;
import org.shangliang.contracts.vote.BallotNotOpened;
import org.shangliang.contracts.vote.BallotOpened;
import org.shangliang.contracts.vote.BallotOutcome;
import org.shangliang.contracts.vote.BallotReminderDue;
import org.shangliang.contracts.vote.ElectoratePublished;
import org.shangliang.contracts.vote.OfflineVoteContestResolved;
import org.shangliang.contracts.vote.OfflineVoteContested;
import org.shangliang.contracts.vote.OfflineVoteRecorded;
import org.shangliang.contracts.vote.RollUploaded;
import org.shangliang.contracts.vote.Tally;

/** One realistic example of every event in the catalogue (越江新村 building 31, entrance 3). */
public final class EventSamples {

    static final String TOPIC = "t-31-3-elevator";
    static final String COMMUNITY = "yuejiang";
    static final String SCOPE = "yuejiang/yuejiang-xincun/31/3";
    static final Instant AT = Instant.parse("2026-03-01T11:30:00Z");

    private EventSamples() {
    }

    public static Map<EventType<?>, IntegrationEvent> all() {
        var schedule = new MeetingScheduled("m-2026-03", COMMUNITY, "31号楼加装电梯协商议事会", List.of(TOPIC, "t-31-shed"),
                AT.plusSeconds(86_400 * 7), AT.plusSeconds(86_400 * 7 + 7_200), "越江社区党群服务中心二楼会议室",
                MeetingFormat.HYBRID, 40,
                List.of(new Participant("王建国", "wang.jianguo", Affiliation.RESIDENT_REP),
                        new Participant("陆晓峰", null, Affiliation.PROPERTY_COMPANY),
                        new Participant("张敏", null, Affiliation.CPPCC_MEMBER)),
                "committee.yuejiang", AT);
        var tallyFor = new Tally(9, new BigDecimal("612.40"));
        return Map.ofEntries(
                Map.entry(EventCatalogue.TOPIC_PROPOSED, new TopicProposed(TOPIC, COMMUNITY, SCOPE, "31号楼3单元加装电梯",
                        TopicCategory.ELEVATOR, "li.xiulan", "李秀兰", 5, AT)),
                Map.entry(EventCatalogue.TOPIC_SUPPORTED, new TopicSupported(TOPIC, COMMUNITY, "zhao.lei", 2, AT)),
                Map.entry(EventCatalogue.TOPIC_SUPPORT_WITHDRAWN,
                        new TopicSupportWithdrawn(TOPIC, COMMUNITY, "zhao.lei", 1, AT)),
                Map.entry(EventCatalogue.TOPIC_THRESHOLD_REACHED, new TopicThresholdReached(TOPIC, COMMUNITY, SCOPE,
                        "31号楼3单元加装电梯", 5, 5, AT)),
                Map.entry(EventCatalogue.TOPIC_OPINION_POSTED,
                        new OpinionPosted(TOPIC, COMMUNITY, "o-1", "chen.fang", OpinionStance.CONCERN, AT)),
                Map.entry(EventCatalogue.TOPIC_STATUS_CHANGED, new TopicStatusChanged(TOPIC, COMMUNITY, SCOPE,
                        "31号楼3单元加装电梯", TopicCategory.ELEVATOR, "li.xiulan", TopicStatus.VOTING, TopicStatus.APPROVED,
                        EventCatalogue.BALLOT_CLOSED.type(), null,
                        new Decision("APPROVED", DecisionSource.VOTE, "b-1", AT), "vote-service", AT)),
                Map.entry(EventCatalogue.TOPIC_PROGRESS_RECORDED,
                        new ProgressRecorded(TOPIC, COMMUNITY, 40, "井道基础施工完成", "staff.yuejiang", AT)),
                Map.entry(EventCatalogue.TOPIC_COMPLETED,
                        new TopicCompleted(TOPIC, COMMUNITY, "31号楼3单元加装电梯", "电梯通过特种设备验收，正式启用", "staff.yuejiang", AT)),
                Map.entry(EventCatalogue.TOPIC_RATED,
                        new TopicRated(TOPIC, COMMUNITY, 5, new BigDecimal("4.67"), 3, AT)),
                Map.entry(EventCatalogue.TOPIC_FOLLOW_UP_NEEDED, new TopicFollowUpNeeded(TOPIC, COMMUNITY,
                        "31号楼3单元加装电梯", new BigDecimal("2.40"), 5, AT)),
                Map.entry(EventCatalogue.TOPIC_FOLLOW_UP_RECORDED, new FollowUpRecorded(TOPIC, COMMUNITY,
                        "31号楼3单元加装电梯", "物业已调整电梯运行时段，并为一楼住户加装遮光棚", "qian.yun", AT)),
                Map.entry(EventCatalogue.MEETING_SCHEDULED, schedule),
                Map.entry(EventCatalogue.MEETING_RESCHEDULED, new MeetingRescheduled("m-2026-03", COMMUNITY,
                        schedule.title(), schedule.topicIds(), AT.plusSeconds(86_400 * 8), AT.plusSeconds(86_400 * 8 + 7_200),
                        "31号楼架空层", schedule.startsAt(), schedule.location(), 1, AT)),
                Map.entry(EventCatalogue.MEETING_CANCELLED, new MeetingCancelled("m-2026-03", COMMUNITY,
                        schedule.title(), schedule.topicIds(), "台风预警，改期另行通知", AT)),
                Map.entry(EventCatalogue.MEETING_REGISTRATION_ADDED,
                        new RegistrationAdded("m-2026-03", COMMUNITY, schedule.topicIds(), "zhao.lei", 12, AT)),
                Map.entry(EventCatalogue.MEETING_REGISTRATION_CANCELLED,
                        new RegistrationCancelled("m-2026-03", COMMUNITY, schedule.topicIds(), "zhao.lei", 11, AT)),
                Map.entry(EventCatalogue.MEETING_MINUTES_RECORDED, new MinutesRecorded("m-2026-03", COMMUNITY,
                        schedule.topicIds(), "与会各方就低层住户采光与费用分摊充分发表意见", 6, AT)),
                Map.entry(EventCatalogue.MEETING_CONCLUDED, new MeetingConcluded("m-2026-03", COMMUNITY, schedule.title(),
                        schedule.topicIds(), List.of(
                                new Outcome(TOPIC, SCOPE, Resolution.PUT_TO_VOTE, "按楼层分摊费用加装电梯", null,
                                        new BallotSpec(BallotRule.CIVIL_CODE_MAJOR, null, AT.plusSeconds(86_400 * 14)),
                                        new CostShareSpec(new BigDecimal("360000.00"), List.of(
                                                new CostShareSpec.FloorCoefficient(1, BigDecimal.ZERO),
                                                new CostShareSpec.FloorCoefficient(2, new BigDecimal("0.6")),
                                                new CostShareSpec.FloorCoefficient(3, new BigDecimal("0.8")),
                                                new CostShareSpec.FloorCoefficient(4, new BigDecimal("1.0")),
                                                new CostShareSpec.FloorCoefficient(5, new BigDecimal("1.2")),
                                                new CostShareSpec.FloorCoefficient(6, new BigDecimal("1.4"))))),
                                new Outcome("t-31-shed", "yuejiang/yuejiang-xincun/31", Resolution.CONSENSUS, "在31号楼北侧空地建设非机动车充电棚", null, null)),
                        "committee.yuejiang", AT)),
                Map.entry(EventCatalogue.MEETING_REMINDER_DUE, new MeetingReminderDue("m-2026-03", COMMUNITY,
                        schedule.title(), schedule.topicIds(), schedule.startsAt(), schedule.location(), 0)),
                Map.entry(EventCatalogue.BALLOT_OPENED, new BallotOpened("b-1", TOPIC, "m-2026-03", COMMUNITY, SCOPE,
                        BallotRule.CIVIL_CODE_MAJOR, "按楼层分摊费用加装电梯", AT, AT.plusSeconds(86_400 * 14),
                        new Tally(12, new BigDecimal("804.16")), 1)),
                Map.entry(EventCatalogue.BALLOT_ELECTORATE_PUBLISHED, new ElectoratePublished("b-1", TOPIC, COMMUNITY, 1, 1,
                        List.of("li.xiulan", "zhao.lei", "chen.fang"))),
                Map.entry(EventCatalogue.BALLOT_NOT_OPENED, new BallotNotOpened(TOPIC, "m-2026-03", COMMUNITY, SCOPE,
                        "NO_FLATS_IN_SCOPE", AT)),
                Map.entry(EventCatalogue.BALLOT_REMINDER_DUE, new BallotReminderDue("b-1", TOPIC, COMMUNITY,
                        AT.plusSeconds(86_400 * 14), 1, 1, List.of("chen.fang"), new Tally(9, new BigDecimal("611.20")),
                        new Tally(12, new BigDecimal("804.16")))),
                Map.entry(EventCatalogue.BALLOT_EXTENDED, new BallotExtended("b-1", TOPIC, COMMUNITY,
                        AT.plusSeconds(86_400 * 14), AT.plusSeconds(86_400 * 21), "春节期间不少业主在外地，延长一周便于入户征询",
                        "committee.yuejiang", AT.plusSeconds(86_400 * 13))),
                Map.entry(EventCatalogue.OFFLINE_VOTE_RECORDED, new OfflineVoteRecorded("b-1", TOPIC, COMMUNITY, "李秀兰",
                        "li.xiulan", List.of(SCOPE + "/601"), "DOOR_TO_DOOR", "入户征询表 31-3-601，网格员钱芸签字",
                        "qian.yun", AT.plusSeconds(3_600))),
                Map.entry(EventCatalogue.OFFLINE_VOTE_CONTESTED, new OfflineVoteContested("b-1", TOPIC, COMMUNITY, "李秀兰",
                        "li.xiulan", "我没有在入户征询表上签过字", AT.plusSeconds(7_200))),
                Map.entry(EventCatalogue.OFFLINE_VOTE_CONTEST_RESOLVED, new OfflineVoteContestResolved("b-1", TOPIC,
                        COMMUNITY, "李秀兰", "li.xiulan", "VOIDED", "签字不是本人所写，作废后由业主本人重新投票",
                        "wang.jianguo", AT.plusSeconds(10_800))),
                Map.entry(EventCatalogue.BALLOT_CLOSED, new BallotClosed("b-1", TOPIC, "m-2026-03", COMMUNITY,
                        BallotRule.CIVIL_CODE_MAJOR, BallotOutcome.APPROVED, true,
                        new Tally(12, new BigDecimal("804.16")), new Tally(11, new BigDecimal("740.06")), tallyFor,
                        new Tally(1, new BigDecimal("66.20")), new Tally(1, new BigDecimal("61.46")), AT)),
                Map.entry(EventCatalogue.ROLL_UPLOADED, new RollUploaded(COMMUNITY, "r-2026-11", 1_184, 1_206, List.of(
                        new RollUploaded.Place("yuejiang/yuejiang-xincun", "越江新村"),
                        new RollUploaded.Place("yuejiang/yuejiang-xincun/31", null),
                        new RollUploaded.Place("yuejiang/yuejiang-xincun/31/3", null)), "qian.yun", AT)));
    }
}
