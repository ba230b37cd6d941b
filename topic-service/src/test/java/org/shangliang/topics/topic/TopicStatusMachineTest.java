package org.shangliang.topics.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.shangliang.contracts.topic.TopicStatus.ACCEPTED;
import static org.shangliang.contracts.topic.TopicStatus.APPROVED;
import static org.shangliang.contracts.topic.TopicStatus.COMPLETED;
import static org.shangliang.contracts.topic.TopicStatus.IMPLEMENTING;
import static org.shangliang.contracts.topic.TopicStatus.IN_DELIBERATION;
import static org.shangliang.contracts.topic.TopicStatus.PROPOSED;
import static org.shangliang.contracts.topic.TopicStatus.REJECTED;
import static org.shangliang.contracts.topic.TopicStatus.VOTING;
import static org.shangliang.contracts.topic.TopicStatus.WITHDRAWN;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.shangliang.contracts.meeting.BallotRule;
import org.shangliang.contracts.meeting.Outcome;
import org.shangliang.contracts.meeting.Resolution;
import org.shangliang.contracts.topic.TopicCategory;
import org.shangliang.contracts.topic.TopicStatus;
import org.shangliang.contracts.topic.TopicStatusChanged;
import org.shangliang.contracts.vote.BallotClosed;
import org.shangliang.contracts.vote.BallotOutcome;
import org.shangliang.contracts.vote.Tally;
import org.shangliang.platform.domain.Rejection;

/**
 * A topic's status machine without Spring: every request step against every status (allowed or a 409-kind
 * rejection naming the current status), and every other service's step against every status (applied,
 * or ignored when it does not fit: events of two streams may arrive in either order).
 */
class TopicStatusMachineTest {

    private static final Instant T = Instant.parse("2026-12-01T02:00:00Z");
    private static final String SCOPE = "yuejiang/yuejiang-xincun/31/3";
    private static final String HOME = SCOPE + "/601";

    /** A topic brought to a status the way it gets there in life. */
    static Topic in(TopicStatus status) {
        Topic t = Topic.propose("t-31", "31号楼3单元加装电梯", "", TopicCategory.ELEVATOR, SCOPE, "li.xiulan", "李秀兰", 5, T);
        switch (status) {
            case PROPOSED -> { }
            case WITHDRAWN -> t.withdraw("li.xiulan", T);
            case REJECTED -> t.review(false, "不在本社区职责范围", "wang.jianguo", T);
            default -> {
                t.review(true, null, "wang.jianguo", T);
                if (status != ACCEPTED) {
                    t.meetingScheduled("m-1", "shangliang.meeting.scheduled.v1", T);
                }
                if (status == VOTING) {
                    t.meetingConcluded("m-1", outcome(Resolution.PUT_TO_VOTE), "shangliang.meeting.concluded.v1", T);
                    t.ballotOpened("b-1", "m-1", "shangliang.vote.ballot-opened.v1", T);
                }
                if (status == APPROVED || status == IMPLEMENTING || status == COMPLETED) {
                    t.meetingConcluded("m-1", outcome(Resolution.CONSENSUS), "shangliang.meeting.concluded.v1", T);
                }
                if (status == IMPLEMENTING || status == COMPLETED) {
                    t.recordProgress(40, "基础施工完成", "qian.yun", T);
                }
                if (status == COMPLETED) {
                    t.complete("电梯投入使用", "qian.yun", T);
                }
            }
        }
        assertThat(t.getStatus()).isEqualTo(status);
        return t;
    }

    private static Outcome outcome(Resolution resolution) {
        return new Outcome("t-31", SCOPE, resolution, "按楼层分摊费用加装电梯", "井道与消防通道冲突", null);
    }

    private static BallotClosed closed(BallotOutcome outcome) {
        Tally all = new Tally(12, new BigDecimal("765.96"));
        Tally part = new Tally(outcome == BallotOutcome.NO_QUORUM ? 5 : 11, new BigDecimal("700.00"));
        return new BallotClosed("b-1", "t-31", "m-1", "yuejiang", BallotRule.CIVIL_CODE_MAJOR, outcome,
                outcome != BallotOutcome.NO_QUORUM, all, part, part, new Tally(0, BigDecimal.ZERO), new Tally(0, BigDecimal.ZERO), T);
    }

    /** Each request step, and the statuses it is allowed in. */
    private static final Map<String, Step> REQUESTS = Map.of(
            "support", new Step(t -> t.support("zhang.weimin", false, T), EnumSet.of(PROPOSED, ACCEPTED, IN_DELIBERATION, VOTING)),
            "withdraw a support", new Step(t -> {
                t.support("zhang.weimin", false, T);
                t.withdrawSupport("zhang.weimin", false, T);
            }, EnumSet.of(PROPOSED, ACCEPTED, IN_DELIBERATION, VOTING)),
            "withdraw", new Step(t -> t.withdraw("li.xiulan", T), EnumSet.of(PROPOSED)),
            "accept", new Step(t -> t.review(true, null, "wang.jianguo", T), EnumSet.of(PROPOSED)),
            "reject", new Step(t -> t.review(false, "重复议题", "wang.jianguo", T), EnumSet.of(PROPOSED)),
            "record progress", new Step(t -> t.recordProgress(60, "立柱安装完成", "qian.yun", T), EnumSet.of(APPROVED, IMPLEMENTING)),
            "complete", new Step(t -> t.complete("交付使用", "qian.yun", T), EnumSet.of(IMPLEMENTING)),
            "rate", new Step(t -> t.rate("zhang.weimin", HOME, 4, "很好", T), EnumSet.of(COMPLETED)),
            "follow up", new Step(t -> t.recordFollowUp("回访了三楼住户", "wang.jianguo", T), EnumSet.of(COMPLETED)));

    private record Step(Consumer<Topic> action, Set<TopicStatus> allowedIn) {
    }

    @TestFactory
    Iterable<DynamicTest> everyRequestAgainstEveryStatus() {
        var tests = new java.util.ArrayList<DynamicTest>();
        REQUESTS.forEach((name, step) -> {
            for (TopicStatus status : TopicStatus.values()) {
                tests.add(DynamicTest.dynamicTest(name + " when " + status, () -> {
                    Topic topic = in(status);
                    if (step.allowedIn().contains(status)) {
                        assertThatCode(() -> step.action().accept(topic)).doesNotThrowAnyException();
                    } else {
                        Rejection no = catchThrowableOfType(Rejection.class, () -> step.action().accept(topic));
                        assertThat(no).as("refused").isNotNull();
                        assertThat(no.kind()).isEqualTo(Rejection.Kind.CONFLICT);
                        assertThat(no.properties()).containsEntry("currentStatus", status.name());
                        assertThat(topic.getStatus()).as("nothing changed").isEqualTo(status);
                    }
                }));
            }
        });
        return tests;
    }

    /** Each step of another service and where it takes a topic from each status; absent: it is ignored. */
    private static final Map<String, Map<TopicStatus, TopicStatus>> EVENTS = Map.of(
            "meeting scheduled", Map.of(ACCEPTED, IN_DELIBERATION),
            "meeting cancelled", Map.of(IN_DELIBERATION, ACCEPTED),
            "concluded by consensus", Map.of(IN_DELIBERATION, APPROVED),
            "concluded not feasible", Map.of(IN_DELIBERATION, REJECTED),
            "concluded for further study", Map.of(IN_DELIBERATION, ACCEPTED),
            "ballot opened before the meeting's conclusion arrived", Map.of(ACCEPTED, VOTING, IN_DELIBERATION, VOTING),
            "ballot not opened", Map.of(IN_DELIBERATION, ACCEPTED),
            "ballot closed approved", Map.of(ACCEPTED, APPROVED, IN_DELIBERATION, APPROVED, VOTING, APPROVED),
            "ballot closed without quorum", Map.of(ACCEPTED, REJECTED, IN_DELIBERATION, REJECTED, VOTING, REJECTED));

    private static void apply(String event, Topic t) {
        switch (event) {
            case "meeting scheduled" -> t.meetingScheduled("m-1", "shangliang.meeting.scheduled.v1", T);
            case "meeting cancelled" -> t.meetingCancelled("m-1", "台风预警", "shangliang.meeting.cancelled.v1", T);
            case "concluded by consensus" -> t.meetingConcluded("m-1", outcome(Resolution.CONSENSUS), "c", T);
            case "concluded not feasible" -> t.meetingConcluded("m-1", outcome(Resolution.NOT_FEASIBLE), "c", T);
            case "concluded for further study" -> t.meetingConcluded("m-1", outcome(Resolution.FURTHER_STUDY), "c", T);
            case "ballot opened before the meeting's conclusion arrived" ->
                    t.ballotOpened("b-1", "m-1", "shangliang.vote.ballot-opened.v1", T);
            case "ballot not opened" -> t.ballotNotOpened("m-1", "NO_ROLL", "shangliang.vote.ballot-not-opened.v1", T);
            case "ballot closed approved" -> t.ballotClosed(closed(BallotOutcome.APPROVED), "shangliang.vote.ballot-closed.v1", T);
            case "ballot closed without quorum" ->
                    t.ballotClosed(closed(BallotOutcome.NO_QUORUM), "shangliang.vote.ballot-closed.v1", T);
            default -> throw new IllegalArgumentException(event);
        }
    }

    @TestFactory
    Iterable<DynamicTest> everyOtherServicesStepAgainstEveryStatus() {
        var tests = new java.util.ArrayList<DynamicTest>();
        EVENTS.forEach((event, moves) -> {
            for (TopicStatus status : TopicStatus.values()) {
                tests.add(DynamicTest.dynamicTest(event + " when " + status, () -> {
                    Topic topic = in(status);
                    int raised = topic.raisedEvents().size();
                    apply(event, topic);
                    TopicStatus expected = moves.getOrDefault(status, status);
                    assertThat(topic.getStatus()).isEqualTo(expected);
                    var changes = topic.raisedEvents().subList(raised, topic.raisedEvents().size()).stream()
                            .filter(TopicStatusChanged.class::isInstance).map(TopicStatusChanged.class::cast).toList();
                    if (expected == status) {
                        assertThat(changes).as("an event that does not fit changes nothing").isEmpty();
                    } else {
                        assertThat(changes).isNotEmpty();
                        assertThat(changes.get(changes.size() - 1).to()).isEqualTo(expected);
                        assertThat(changes).allSatisfy(c -> assertThat(Topic.MOVES.get(c.from())).contains(c.to()));
                    }
                }));
            }
        });
        return tests;
    }
}
