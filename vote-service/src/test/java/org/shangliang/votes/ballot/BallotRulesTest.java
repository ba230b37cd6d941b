package org.shangliang.votes.ballot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.shangliang.contracts.meeting.BallotRule;
import org.shangliang.contracts.meeting.CostShareSpec;
import org.shangliang.contracts.vote.BallotClosed;
import org.shangliang.contracts.vote.BallotExtended;
import org.shangliang.contracts.vote.BallotNotOpened;
import org.shangliang.contracts.vote.BallotOpened;
import org.shangliang.contracts.vote.BallotReminderDue;
import org.shangliang.contracts.vote.ElectoratePublished;
import org.shangliang.platform.domain.Rejection;
import org.shangliang.votes.counting.Count;
import org.shangliang.votes.counting.Tally;
import org.shangliang.votes.counting.TallyResult;
import org.shangliang.votes.roll.RollFlat;

/** The ballot's rules, without Spring, a broker or a store: every status against every step. */
class BallotRulesTest {

    private static final Instant T0 = Instant.parse("2026-12-01T01:00:00Z");
    private static final Instant CLOSES = T0.plus(Duration.ofDays(14));
    private static final String SCOPE = "bachang/yijiaqiao-xincun/7";

    /** The states a ballot can be in when a step arrives, each made by the real steps. */
    enum State {
        SCHEDULED, OPEN, OPEN_PAST_CLOSING_TIME, CLOSED, NOT_OPENED
    }

    private static Ballot scheduled() {
        return Ballot.schedule("b-1", "t-7-lift", "m-1", "bachang", SCOPE, BallotRule.CIVIL_CODE_MAJOR,
                "7号楼加装电梯，费用按楼层系数分摊", T0, CLOSES, T0.minusSeconds(60));
    }

    private static Electorate electorate(int owners) {
        List<RollFlat> flats = new ArrayList<>();
        for (int i = 0; i < owners; i++) {
            String flat = SCOPE + "/" + (1 + i / 12) + "/" + (101 + i % 12);
            flats.add(new RollFlat("r/" + flat, "r", "bachang", flat, "yijiaqiao-xincun", "7", "owner." + i,
                    "业主" + i, 6_000 + i, "业主" + i));
        }
        return Electorate.freeze("b-1", flats);
    }

    private static Ballot in(State state) {
        Ballot b = scheduled();
        switch (state) {
            case SCHEDULED -> { }
            case NOT_OPENED -> b.open(electorate(0), T0);
            case OPEN, OPEN_PAST_CLOSING_TIME -> b.open(electorate(3), T0);
            case CLOSED -> {
                b.open(electorate(3), T0);
                b.close(tally(), CLOSES);
            }
        }
        return b;
    }

    private static Instant nowIn(State state) {
        return state == State.OPEN_PAST_CLOSING_TIME || state == State.CLOSED ? CLOSES.plusSeconds(1) : T0.plusSeconds(3_600);
    }

    private static TallyResult tally() {
        return Tally.count(BallotRule.CIVIL_CODE_MAJOR, List.of(new Tally.Counted(6_000, null)));
    }

    @Test
    void aBallotThatClosesBeforeItOpensIsNotOpenedAtOnceAndSaysWhy() {
        Ballot b = Ballot.schedule("b-2", "t-1", "m-1", "bachang", SCOPE, BallotRule.CIVIL_CODE_ORDINARY, "晾衣架", T0,
                T0, T0);
        assertThat(b.getStatus()).isEqualTo(BallotStatus.NOT_OPENED);
        assertThat(b.getNotOpenedReason()).isEqualTo("CLOSES_BEFORE_OPENS");
        assertThat(b.raisedEvents()).singleElement().isInstanceOf(BallotNotOpened.class);
    }

    @Test
    void openingFreezesTheElectorateAndPublishesItInPartsOfAThousand() {
        Ballot b = scheduled();
        assertThat(b.dueToOpen(T0.minusSeconds(1))).isFalse();
        assertThat(b.dueToOpen(T0)).isTrue();
        b.open(electorate(2_500), T0);
        assertThat(b.getStatus()).isEqualTo(BallotStatus.OPEN);
        assertThat(b.getElectorate().owners()).isEqualTo(2_500);
        assertThat(b.raisedEvents()).hasSize(4);
        BallotOpened opened = (BallotOpened) b.raisedEvents().get(0);
        assertThat(opened.electorateParts()).isEqualTo(3);
        assertThat(b.raisedEvents().subList(1, 4)).extracting(e -> ((ElectoratePublished) e).ownerIds().size())
                .containsExactly(1_000, 1_000, 500);
        assertThat(b.dueToOpen(T0)).isFalse();
    }

    @Test
    void nobodyInScopeMeansNotOpened() {
        Ballot b = scheduled();
        b.open(electorate(0), T0);
        assertThat(b.getStatus()).isEqualTo(BallotStatus.NOT_OPENED);
        assertThat(b.getNotOpenedReason()).isEqualTo("NO_FLATS_IN_SCOPE");
    }

    private static final CostShareSpec LIFT_TABLE = new CostShareSpec(new BigDecimal("300000.00"), List.of(
            new CostShareSpec.FloorCoefficient(1, BigDecimal.ZERO), new CostShareSpec.FloorCoefficient(2, BigDecimal.ONE),
            new CostShareSpec.FloorCoefficient(3, new BigDecimal("2"))));

    /** One flat on each floor from 1 up to {@code floors}, each its own holder. */
    private static List<RollFlat> flatsUpTo(int floors) {
        List<RollFlat> flats = new ArrayList<>();
        for (int floor = 1; floor <= floors; floor++) {
            String flat = SCOPE + "/1/" + floor + "01";
            flats.add(new RollFlat("r/" + flat, "r", "bachang", flat, "yijiaqiao-xincun", "7", "owner." + floor,
                    "业主" + floor, 6_000, "业主" + floor));
        }
        return flats;
    }

    @Test
    void anElevatorBallotOpensWithEachFlatsShareAndItsHolderCarriesIt() {
        Ballot b = Ballot.schedule("b-1", "t-7-lift", "m-1", "bachang", SCOPE, BallotRule.CIVIL_CODE_MAJOR,
                "7号楼加装电梯", LIFT_TABLE, T0, CLOSES, T0);
        Electorate frozen = Electorate.freeze("b-1", flatsUpTo(3), b.getCostTable());
        b.open(frozen, T0);

        assertThat(b.getStatus()).isEqualTo(BallotStatus.OPEN);
        assertThat(b.getCostShare()).extracting(CostShare.FloorRow::floor, CostShare.FloorRow::leastCents)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, 0L), org.assertj.core.groups.Tuple.tuple(2, 10_000_000L),
                        org.assertj.core.groups.Tuple.tuple(3, 20_000_000L));
        assertThat(frozen.electors().get(2).shareOf(SCOPE + "/1/301")).isEqualTo(20_000_000L);
    }

    @Test
    void anElevatorBallotWhoseTableMissesAFloorOfTheScopeIsNotOpened() {
        Ballot b = Ballot.schedule("b-1", "t-7-lift", "m-1", "bachang", SCOPE, BallotRule.CIVIL_CODE_MAJOR,
                "7号楼加装电梯", LIFT_TABLE, T0, CLOSES, T0);
        b.open(Electorate.freeze("b-1", flatsUpTo(4), b.getCostTable()), T0);

        assertThat(b.getStatus()).isEqualTo(BallotStatus.NOT_OPENED);
        assertThat(b.getNotOpenedReason()).isEqualTo("COST_SHARE_FLOORS_NOT_COVERED");
        assertThat(b.getCostShare()).isNull();
    }

    @Test
    void aRerunVotesOnTheSameCostTable() {
        Ballot b = Ballot.schedule("b-1", "t-7-lift", "m-1", "bachang", SCOPE, BallotRule.CIVIL_CODE_MAJOR,
                "7号楼加装电梯", LIFT_TABLE, T0, CLOSES, T0);
        b.open(Electorate.freeze("b-1", flatsUpTo(3), b.getCostTable()), T0);
        b.close(tally(), CLOSES);

        Ballot next = b.rerun("b-2", null, CLOSES.plus(Duration.ofDays(14)), CLOSES);
        assertThat(next.getCostTable()).isEqualTo(LIFT_TABLE);
    }

    /** Which step each state allows; every other pair is a 409-kind rejection naming the state. */
    private static final Map<String, List<State>> ALLOWED = Map.of(
            "open", List.of(State.SCHEDULED),
            "vote", List.of(State.OPEN),
            "remindNow", List.of(State.OPEN),
            "extend", List.of(State.OPEN),
            "close", List.of(State.OPEN_PAST_CLOSING_TIME),
            "rerun", List.of(State.CLOSED));

    private static final Map<String, Consumer<Ballot>> STEPS = Map.of(
            "open", b -> b.open(electorate(3), T0),
            "vote", b -> b.checkTakesVotes(nowIn(stateOf(b))),
            "remindNow", b -> b.remindNow(List.of("owner.1"), Count.NONE, nowIn(stateOf(b))),
            "extend", b -> b.extend(CLOSES.plus(Duration.ofDays(7)), "春节期间不少业主在外地", "committee.bachang", nowIn(stateOf(b))),
            "close", b -> b.close(tally(), nowIn(stateOf(b))),
            "rerun", b -> b.rerun("b-2", null, CLOSES.plus(Duration.ofDays(7)), nowIn(stateOf(b))));

    private static final Map<Ballot, State> STATES = new java.util.IdentityHashMap<>();

    private static State stateOf(Ballot b) {
        return STATES.get(b);
    }

    @ParameterizedTest
    @EnumSource(State.class)
    void everyStepIsTakenOnlyInTheStateThatAllowsIt(State state) {
        for (var step : STEPS.entrySet()) {
            Ballot b = in(state);
            STATES.put(b, state);
            if (ALLOWED.get(step.getKey()).contains(state)) {
                step.getValue().accept(b);
            } else {
                assertThatThrownBy(() -> step.getValue().accept(b)).as(step.getKey() + " in " + state)
                        .isInstanceOfSatisfying(Rejection.class, r -> {
                            assertThat(r.kind()).isEqualTo(Rejection.Kind.CONFLICT);
                            assertThat(r.properties()).containsKey("currentStatus");
                        });
            }
        }
    }

    @Test
    void aBallotWithoutQuorumIsHeldAgainOnceAsTheNextRoundAndNoOtherResultIs() {
        Ballot b = in(State.CLOSED);
        assertThat(b.getResult().outcome()).isEqualTo(org.shangliang.contracts.vote.BallotOutcome.NO_QUORUM);
        Instant now = CLOSES.plusSeconds(60);
        assertThatThrownBy(() -> b.rerun("b-2", null, now, now)).isInstanceOfSatisfying(Rejection.class,
                r -> assertThat(r.kind()).isEqualTo(Rejection.Kind.INVALID));
        Ballot next = b.rerun("b-2", null, now.plus(Duration.ofDays(7)), now);
        assertThat(next.getStatus()).isEqualTo(BallotStatus.SCHEDULED);
        assertThat(next.getRound()).isEqualTo(2);
        assertThat(next.getRerunOf()).isEqualTo("b-1");
        assertThat(next.getProposal()).isEqualTo(b.getProposal());
        assertThat(next.getScope()).isEqualTo(b.getScope());
        assertThat(b.getRerunBy()).isEqualTo("b-2");
        assertThatThrownBy(() -> b.rerun("b-3", null, now.plus(Duration.ofDays(7)), now))
                .isInstanceOfSatisfying(Rejection.class, r -> assertThat(r.key()).isEqualTo("ballot.rerun-exists"));

        Ballot approved = in(State.OPEN);
        List<Tally.Counted> all = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            all.add(new Tally.Counted(6_000, org.shangliang.votes.counting.Choice.FOR));
        }
        approved.close(Tally.count(BallotRule.CIVIL_CODE_MAJOR, all), CLOSES);
        assertThatThrownBy(() -> approved.rerun("b-4", null, now.plus(Duration.ofDays(7)), now))
                .isInstanceOfSatisfying(Rejection.class, r -> assertThat(r.key()).isEqualTo("ballot.rerun-only-no-quorum"));
    }

    @Test
    void aVoteAtTheClosingSecondIsTooLate() {
        Ballot b = in(State.OPEN);
        b.checkTakesVotes(CLOSES.minusSeconds(1));
        assertThatThrownBy(() -> b.checkTakesVotes(CLOSES)).isInstanceOfSatisfying(Rejection.class,
                r -> assertThat(r.properties()).containsEntry("currentStatus", "CLOSED"));
    }

    @Test
    void closingBeforeTheClosingTimeIsRefusedEvenWhenAskedOutOfOrder() {
        Ballot b = in(State.OPEN);
        assertThat(b.dueToClose(CLOSES.minusSeconds(1))).isFalse();
        assertThatThrownBy(() -> b.close(tally(), CLOSES.minusSeconds(1))).isInstanceOf(Rejection.class);
        b.close(tally(), CLOSES);
        assertThat(b.raisedEvents()).last().isInstanceOf(BallotClosed.class);
        assertThatThrownBy(() -> b.close(tally(), CLOSES)).as("closes once").isInstanceOf(Rejection.class);
    }

    @Test
    void anExtensionMovesTheClosingTimeLaterOnlyAndIsAnnouncedWithItsReason() {
        Ballot b = in(State.OPEN);
        Instant now = T0.plus(Duration.ofDays(13));
        assertThatThrownBy(() -> b.extend(CLOSES, "没变", "committee.bachang", now))
                .isInstanceOfSatisfying(Rejection.class, r -> {
                    assertThat(r.kind()).isEqualTo(Rejection.Kind.INVALID);
                    assertThat(r.properties()).containsEntry("field", "closesAt");
                });
        assertThatThrownBy(() -> b.extend(CLOSES.minusSeconds(3_600), "提前", "committee.bachang", now))
                .isInstanceOf(Rejection.class);
        assertThatThrownBy(() -> b.extend(T0.plus(Duration.ofDays(367)), "太久", "committee.bachang", now))
                .isInstanceOfSatisfying(Rejection.class, r -> assertThat(r.key()).isEqualTo("ballot.extension-too-long"));

        Instant later = CLOSES.plus(Duration.ofDays(7));
        b.extend(later, "春节期间不少业主在外地，延长一周便于入户征询", "committee.bachang", now);
        assertThat(b.getClosesAt()).isEqualTo(later);
        assertThat(b.getExtensions()).singleElement().satisfies(e -> {
            assertThat(e.previousClosesAt()).isEqualTo(CLOSES);
            assertThat(e.extendedBy()).isEqualTo("committee.bachang");
        });
        BallotExtended extended = (BallotExtended) b.raisedEvents().get(b.raisedEvents().size() - 1);
        assertThat(extended.previousClosesAt()).isEqualTo(CLOSES);
        assertThat(extended.closesAt()).isEqualTo(later);
        assertThat(extended.reason()).contains("春节");
        b.checkTakesVotes(CLOSES.plusSeconds(60));
    }

    @Test
    void theReminderBeforeClosingFollowsAnExtendedClosingTime() {
        Ballot b = in(State.OPEN);
        Instant dayBefore = CLOSES.minus(Duration.ofHours(23));
        assertThat(b.dueToRemind(dayBefore)).isTrue();
        b.remind(List.of("owner.1"), Count.NONE, dayBefore);
        assertThat(b.dueToRemind(dayBefore.plusSeconds(60))).isFalse();
        b.extend(CLOSES.plus(Duration.ofDays(7)), "入户征询还没有完成", "staff.bachang", dayBefore.plusSeconds(60));
        assertThat(b.dueToRemind(dayBefore.plusSeconds(120))).as("not yet: a week to go").isFalse();
        assertThat(b.dueToRemind(CLOSES.plus(Duration.ofDays(6)).plusSeconds(60))).isTrue();
    }

    @Test
    void aBallotOpenedLessThanADayBeforeClosingGetsNoAutomaticReminder() {
        Ballot b = Ballot.schedule("b-3", "t-1", "m-1", "bachang", SCOPE, BallotRule.CIVIL_CODE_ORDINARY, "晾衣架", T0,
                T0.plus(Duration.ofHours(20)), T0);
        b.open(electorate(3), T0);
        assertThat(b.dueToRemind(T0.plus(Duration.ofHours(1)))).isFalse();
    }

    @Test
    void remindersOnDemandGoToNonVotersAtMostOnceAnHour() {
        Ballot b = in(State.OPEN);
        Instant now = T0.plus(Duration.ofDays(2));
        assertThatThrownBy(() -> b.remindNow(List.of(), Count.NONE, now))
                .isInstanceOfSatisfying(Rejection.class, r -> assertThat(r.key()).isEqualTo("ballot.everyone-voted"));
        b.remindNow(List.of("owner.1", "owner.2"), new Count(1, 6_000), now);
        assertThat(b.raisedEvents()).last().isInstanceOfSatisfying(BallotReminderDue.class,
                r -> {
                    assertThat(r.ownerIds()).containsExactly("owner.1", "owner.2");
                    assertThat(r.voted().owners()).isEqualTo(1);
                    assertThat(r.electorate().owners()).isEqualTo(3);
                });
        assertThatThrownBy(() -> b.remindNow(List.of("owner.1"), Count.NONE, now.plus(Duration.ofMinutes(59))))
                .isInstanceOfSatisfying(Rejection.class, r -> {
                    assertThat(r.key()).isEqualTo("ballot.reminded-recently");
                    assertThat(r.properties()).containsEntry("nextReminderAt", now.plus(Duration.ofHours(1)));
                });
        b.remindNow(List.of("owner.1"), Count.NONE, now.plus(Duration.ofHours(1)));
        assertThat(b.dueToRemind(CLOSES.minus(Duration.ofHours(1)))).as("the automatic one still comes").isTrue();
    }

    @Test
    void aHolderOfSeveralFlatsIsOneOwnerWithTheirSummedArea() {
        List<RollFlat> flats = List.of(
                new RollFlat("r/1", "r", "bachang", SCOPE + "/1/501", "yijiaqiao-xincun", "7", "wang.guohua", "王国华", 6_620, "王国华"),
                new RollFlat("r/2", "r", "bachang", SCOPE + "/1/502", "yijiaqiao-xincun", "7", "wang.guohua", "王国华", 6_146, "王国华"),
                new RollFlat("r/3", "r", "bachang", SCOPE + "/2/101", "yijiaqiao-xincun", "7", "li.xiulan", "李秀兰", 6_620, "李秀兰"));
        Electorate e = Electorate.freeze("b-1", flats);
        assertThat(e.count()).isEqualTo(new Count(2, 19_386));
        assertThat(e.electors()).extracting(Elector::holder).containsExactly("王国华", "李秀兰");
        assertThat(e.electors().get(0).flats()).containsExactly(SCOPE + "/1/501", SCOPE + "/1/502");
        assertThat(e.electors().get(0).areaCents()).isEqualTo(12_766);
        assertThat(e.ownerIds()).containsExactly("wang.guohua", "li.xiulan");
    }
}
