package org.shangliang.votes.counting;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.shangliang.contracts.meeting.BallotRule;
import org.shangliang.contracts.vote.BallotOutcome;

/**
 * The tally against a deliberately simple reference: rational numbers as BigInteger fractions,
 * written straight from API.md's sentences, on thousands of random rolls and vote sets. Votes are
 * drawn so that exact boundaries (2/3, 3/4, 1/2) come up often: small electorates, equal areas.
 */
class TallyPropertiesTest {

    record Fraction(BigInteger numerator, BigInteger denominator) {
        static Fraction of(long n, long d) {
            return new Fraction(BigInteger.valueOf(n), BigInteger.valueOf(d));
        }

        int compareTo(Fraction other) {
            return numerator.multiply(other.denominator).compareTo(other.numerator.multiply(denominator));
        }
    }

    /** API.md, in the most literal way: ratios as fractions; "以上" is ≥; a majority is more than half. */
    static BallotOutcome reference(BallotRule rule, List<Tally.Counted> holders) {
        long allOwners = holders.size();
        long allArea = holders.stream().mapToLong(Tally.Counted::areaCents).sum();
        List<Tally.Counted> voted = holders.stream().filter(h -> h.choice() != null).toList();
        long votedOwners = voted.size();
        long votedArea = voted.stream().mapToLong(Tally.Counted::areaCents).sum();
        long forOwners = voted.stream().filter(h -> h.choice() == Choice.FOR).count();
        long forArea = voted.stream().filter(h -> h.choice() == Choice.FOR).mapToLong(Tally.Counted::areaCents).sum();
        if (rule == BallotRule.SIMPLE_MAJORITY) {
            return votedOwners > 0 && Fraction.of(forOwners, votedOwners).compareTo(Fraction.of(1, 2)) > 0
                    ? BallotOutcome.APPROVED : BallotOutcome.REJECTED;
        }
        if (votedOwners == 0 || allArea == 0
                || Fraction.of(votedArea, allArea).compareTo(Fraction.of(2, 3)) < 0
                || Fraction.of(votedOwners, allOwners).compareTo(Fraction.of(2, 3)) < 0) {
            return BallotOutcome.NO_QUORUM;
        }
        boolean approved;
        if (rule == BallotRule.CIVIL_CODE_MAJOR) {
            approved = votedArea > 0 && Fraction.of(forArea, votedArea).compareTo(Fraction.of(3, 4)) >= 0
                    && Fraction.of(forOwners, votedOwners).compareTo(Fraction.of(3, 4)) >= 0;
        } else {
            approved = votedArea > 0 && Fraction.of(forArea, votedArea).compareTo(Fraction.of(1, 2)) > 0
                    && Fraction.of(forOwners, votedOwners).compareTo(Fraction.of(1, 2)) > 0;
        }
        return approved ? BallotOutcome.APPROVED : BallotOutcome.REJECTED;
    }

    @Property(tries = 5_000)
    void theTallyAgreesWithTheReference(@ForAll BallotRule rule, @ForAll("electorates") List<Tally.Counted> holders) {
        TallyResult result = Tally.count(rule, holders);
        assertThat(result.outcome()).isEqualTo(reference(rule, holders));
        assertThat(result.votedFor().owners() + result.votedAgainst().owners() + result.abstained().owners())
                .isEqualTo(result.participating().owners());
        assertThat(result.votedFor().areaCents() + result.votedAgainst().areaCents() + result.abstained().areaCents())
                .isEqualTo(result.participating().areaCents());
        assertThat(result.electorate().owners()).isEqualTo(holders.size());
    }

    /** The store sums the electorate by choice; however it groups the holders, the result is the holders' count. */
    @Property(tries = 2_000)
    void countingSummedGroupsGivesTheSameResult(@ForAll BallotRule rule, @ForAll("electorates") List<Tally.Counted> holders) {
        List<Tally.Group> oneEach = holders.stream().map(h -> new Tally.Group(h.choice(), Count.NONE.plus(h.areaCents())))
                .toList();
        List<Tally.Group> inTwoHalves = new ArrayList<>();
        for (List<Tally.Counted> half : List.of(holders.subList(0, holders.size() / 2),
                holders.subList(holders.size() / 2, holders.size()))) {
            for (Choice choice : new Choice[] {Choice.FOR, Choice.AGAINST, Choice.ABSTAIN, null}) {
                Count summed = half.stream().filter(h -> h.choice() == choice)
                        .reduce(Count.NONE, (c, h) -> c.plus(h.areaCents()), Count::plus);
                inTwoHalves.add(new Tally.Group(choice, summed));
            }
        }
        TallyResult byHolder = Tally.count(rule, holders);
        assertThat(Tally.countGroups(rule, oneEach)).isEqualTo(byHolder);
        assertThat(Tally.countGroups(rule, inTwoHalves)).isEqualTo(byHolder);
        assertThat(byHolder.outcome()).isEqualTo(reference(rule, holders));
    }

    @Provide
    Arbitrary<List<Tally.Counted>> electorates() {
        Arbitrary<Long> equalArea = Arbitraries.just(7_500L);
        Arbitrary<Long> anyArea = Arbitraries.longs().between(1, 50_000_00L);
        Arbitrary<Long> fewAreas = Arbitraries.of(5_000L, 7_500L, 10_000L, 15_000L);
        Arbitrary<Choice> choice = Arbitraries.of(Choice.FOR, Choice.FOR, Choice.AGAINST, Choice.ABSTAIN, null);
        Arbitrary<Long> area = Arbitraries.oneOf(equalArea, anyArea, fewAreas);
        Arbitrary<Tally.Counted> holder = Combinators.combine(area, choice).as(Tally.Counted::new);
        return holder.list().ofMinSize(1).ofMaxSize(40).map(ArrayList::new);
    }
}
