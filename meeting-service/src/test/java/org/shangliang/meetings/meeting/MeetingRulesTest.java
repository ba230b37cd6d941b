package org.shangliang.meetings.meeting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.shangliang.contracts.meeting.MeetingFormat;
import org.shangliang.contracts.meeting.Outcome;
import org.shangliang.contracts.meeting.Resolution;
import org.shangliang.platform.domain.Rejection;

/**
 * A meeting's rules without Spring: every step against every stage of its life (before it starts,
 * after it started, cancelled, concluded), and registration's limits.
 */
class MeetingRulesTest {

    private static final Instant STARTS = Instant.parse("2026-12-05T11:30:00Z");
    private static final Instant BEFORE = STARTS.minus(Duration.ofDays(2));
    private static final Instant DURING = STARTS.plus(Duration.ofMinutes(30));

    enum Stage { BEFORE_START, STARTED, CANCELLED, CONCLUDED }

    private static Meeting at(Stage stage) {
        Meeting m = Meeting.schedule("m-1", "yuejiang", "31号楼加装电梯协商议事会", List.of("t-31"), STARTS,
                STARTS.plus(Duration.ofHours(2)), "越江社区党群服务中心", MeetingFormat.IN_PERSON, 2, List.of(), "wang.jianguo",
                BEFORE.minusSeconds(3_600));
        if (stage == Stage.CANCELLED) {
            m.cancel("台风预警", BEFORE);
        }
        if (stage == Stage.CONCLUDED) {
            m.conclude(List.of(consensus()), "wang.jianguo", DURING);
        }
        return m;
    }

    private static Instant now(Stage stage) {
        return stage == Stage.BEFORE_START ? BEFORE : DURING;
    }

    private static Outcome consensus() {
        return new Outcome("t-31", "yuejiang/yuejiang-xincun/31/3", Resolution.CONSENSUS, "按楼层分摊费用加装电梯", null, null);
    }

    private record Step(BiConsumer<Meeting, Instant> action, Set<Stage> allowedIn) {
    }

    private static final Map<String, Step> STEPS = new LinkedHashMap<>();

    static {
        STEPS.put("reschedule", new Step((m, now) -> m.reschedule(STARTS.plus(Duration.ofDays(1)),
                STARTS.plus(Duration.ofDays(1)).plus(Duration.ofHours(2)), "越江社区党群服务中心二楼", now),
                Set.of(Stage.BEFORE_START, Stage.STARTED)));
        STEPS.put("cancel", new Step((m, now) -> m.cancel("改期另行通知", now), Set.of(Stage.BEFORE_START, Stage.STARTED)));
        STEPS.put("register", new Step((m, now) -> m.register("chen.fang", false, now), Set.of(Stage.BEFORE_START, Stage.STARTED)));
        STEPS.put("record minutes", new Step((m, now) -> m.recordMinutes("充分协商，达成一致", List.of(), "wang.jianguo", now),
                Set.of(Stage.STARTED, Stage.CONCLUDED)));
        STEPS.put("conclude", new Step((m, now) -> m.conclude(List.of(consensus()), "wang.jianguo", now), Set.of(Stage.STARTED)));
    }

    @TestFactory
    Iterable<DynamicTest> everyStepAgainstEveryStage() {
        List<DynamicTest> tests = new ArrayList<>();
        STEPS.forEach((name, step) -> {
            for (Stage stage : Stage.values()) {
                tests.add(DynamicTest.dynamicTest(name + " when " + stage, () -> {
                    Meeting meeting = at(stage);
                    Meeting.Status before = meeting.getStatus();
                    if (step.allowedIn().contains(stage)) {
                        assertThatCode(() -> step.action().accept(meeting, now(stage))).doesNotThrowAnyException();
                    } else {
                        Rejection no = catchThrowableOfType(Rejection.class, () -> step.action().accept(meeting, now(stage)));
                        assertThat(no).as("refused").isNotNull();
                        assertThat(no.kind()).isEqualTo(Rejection.Kind.CONFLICT);
                        assertThat(meeting.getStatus()).as("nothing changed").isEqualTo(before);
                    }
                }));
            }
        });
        return tests;
    }

    @Test
    void aFullMeetingOrOneRegisteredTwiceIsRefusedAndCancellingFreesTheSeat() {
        Meeting m = at(Stage.BEFORE_START);
        m.register("chen.fang", false, BEFORE);
        assertThat(catchThrowableOfType(Rejection.class, () -> m.register("chen.fang", false, BEFORE)).key())
                .isEqualTo("meeting.already-registered");
        m.register("zheng.haibo", false, BEFORE);
        Rejection full = catchThrowableOfType(Rejection.class, () -> m.register("sun.lihua", false, BEFORE));
        assertThat(full.key()).isEqualTo("meeting.full");
        assertThat(full.properties()).containsEntry("capacity", 2);
        m.unregister("chen.fang", false, BEFORE);
        assertThatCode(() -> m.register("sun.lihua", false, BEFORE)).doesNotThrowAnyException();
        assertThat(catchThrowableOfType(Rejection.class, () -> m.unregister("chen.fang", false, BEFORE)).key())
                .isEqualTo("meeting.not-registered");
    }

    @Test
    void aRegistrationStoredAsItsOwnDocumentCountsLikeOneStillOnTheMeeting() {
        Meeting m = at(Stage.BEFORE_START);
        assertThat(catchThrowableOfType(Rejection.class, () -> m.register("chen.fang", true, BEFORE)).key())
                .as("stored as registered").isEqualTo("meeting.already-registered");
        m.unregister("chen.fang", true, BEFORE);
        assertThat(m.isRegistered("chen.fang", true)).as("the cancellation not yet written overrules the document").isFalse();
        assertThat(m.registrationChanges().pending()).extracting(c -> c.seq()).containsExactly(1L);
    }

    @Test
    void nobodyRegistersForAMeetingThatIsOverAndNothingIsDecidedBeforeItStarts() {
        Meeting m = at(Stage.BEFORE_START);
        assertThat(catchThrowableOfType(Rejection.class, () -> m.register("chen.fang", false, STARTS.plus(Duration.ofHours(3))))
                .key()).isEqualTo("meeting.over");
        Rejection early = catchThrowableOfType(Rejection.class, () -> m.conclude(List.of(consensus()), "wang.jianguo", BEFORE));
        assertThat(early.key()).isEqualTo("meeting.not-started");
        assertThat(early.properties()).containsEntry("startsAt", STARTS);
    }
}
