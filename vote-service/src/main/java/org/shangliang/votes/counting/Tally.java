package org.shangliang.votes.counting;

import java.util.HashMap;
import java.util.Map;

import org.shangliang.contracts.meeting.BallotRule;
import org.shangliang.contracts.vote.BallotOutcome;

/**
 * Counts a ballot by the rules of docs/api.md (PRC Civil Code art. 278; the Supreme People's Court
 * interpretation on building-unit ownership, arts. 8–9) with exact integer arithmetic: areas in
 * hundredths of a m², every ratio compared by cross-multiplication, never floating point.
 *
 * <ul>
 *   <li>Owners are holders, each counted once; a holder's area is the sum of its flats.</li>
 *   <li>{@code ABSTAIN} participates and does not agree.</li>
 *   <li>Quorum ({@code CIVIL_CODE_*}): participating area ≥ 2/3 of the electorate's area and
 *       participating owners ≥ 2/3 of its owners; "以上" includes the number itself (art. 1259).</li>
 *   <li>{@code CIVIL_CODE_MAJOR}: FOR ≥ 3/4 of the participating area and of the participating owners.</li>
 *   <li>{@code CIVIL_CODE_ORDINARY}: FOR &gt; 1/2 of both (exactly half is not a majority).</li>
 *   <li>{@code SIMPLE_MAJORITY}: FOR &gt; 1/2 of the votes cast, by head; no quorum, no area.</li>
 * </ul>
 * The bars themselves are {@link Threshold}s, which the result shows too.
 */
public final class Tally {

    private Tally() {
    }

    /** One holder of the frozen electorate: its area and its choice, null when it did not vote. */
    public record Counted(long areaCents, Choice choice) {
    }

    /** Holders of the frozen electorate with the same choice (null: did not vote), summed: how many and their area. */
    public record Group(Choice choice, Count holders) {
    }

    public static TallyResult count(BallotRule rule, Iterable<Counted> electorate) {
        Map<Choice, Count> byChoice = new HashMap<>();
        for (Counted holder : electorate) {
            if (holder.areaCents() < 0) {
                throw new IllegalArgumentException("negative area");
            }
            byChoice.merge(holder.choice(), Count.NONE.plus(holder.areaCents()), Count::plus);
        }
        return countGroups(rule, byChoice.entrySet().stream().map(e -> new Group(e.getKey(), e.getValue())).toList());
    }

    /** The same count from the electorate summed by choice where it is kept (one group per choice, or several). */
    public static TallyResult countGroups(BallotRule rule, Iterable<Group> electorate) {
        Count all = Count.NONE;
        Count participating = Count.NONE;
        Count votedFor = Count.NONE;
        Count against = Count.NONE;
        Count abstained = Count.NONE;
        for (Group group : electorate) {
            Count holders = group.holders();
            if (holders.areaCents() < 0 || holders.owners() < 0) {
                throw new IllegalArgumentException("negative area or holders");
            }
            all = all.plus(holders);
            if (group.choice() == null) {
                continue;
            }
            participating = participating.plus(holders);
            switch (group.choice()) {
                case FOR -> votedFor = votedFor.plus(holders);
                case AGAINST -> against = against.plus(holders);
                case ABSTAIN -> abstained = abstained.plus(holders);
            }
        }
        return decide(rule, all, participating, votedFor, against, abstained);
    }

    static TallyResult decide(BallotRule rule, Count all, Count participating, Count votedFor, Count against,
                              Count abstained) {
        Threshold quorum = Threshold.quorum(rule);
        // nobody voting is never a quorum, even of an empty roll
        if (quorum != null && !(quorum.clearedBy(participating, all) && participating.owners() > 0)) {
            return new TallyResult(rule, all, participating, votedFor, against, abstained, true, false,
                    BallotOutcome.NO_QUORUM);
        }
        boolean approved = Threshold.approval(rule).clearedBy(votedFor, participating);
        return new TallyResult(rule, all, participating, votedFor, against, abstained, quorum != null, true,
                approved ? BallotOutcome.APPROVED : BallotOutcome.REJECTED);
    }
}
