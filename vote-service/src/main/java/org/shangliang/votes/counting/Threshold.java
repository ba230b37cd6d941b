package org.shangliang.votes.counting;

import java.math.BigDecimal;
import java.math.RoundingMode;

import org.shangliang.contracts.meeting.BallotRule;

/**
 * One bar a count must clear: a fraction of a whole (the electorate for the quorum, the participants
 * for the approval), reached or passed ("以上" includes the number itself, Civil Code art. 1259) or
 * passed only ("过半数": exactly half is not enough), by area, by owners, or by both. The tally
 * counts with these, and the result shows them, so what was decided and what it was held against
 * are one thing. Exact integer arithmetic: ratios are compared by cross-multiplication.
 *
 * @param numerator    of the fraction (2 of 2/3)
 * @param denominator  of the fraction (3 of 2/3)
 * @param strictlyMore true: more than the fraction; false: at least the fraction
 * @param of           what the fraction is a share of
 * @param byArea       the exclusive area must clear it
 * @param byOwners     the number of owners (holders, each once) must clear it
 */
public record Threshold(long numerator, long denominator, boolean strictlyMore, Basis of, boolean byArea,
                        boolean byOwners) {

    /** What a share is a share of. */
    public enum Basis {
        /** every owner of the ballot's frozen roll */
        ELECTORATE,
        /** the owners who voted (abstentions included) */
        PARTICIPATING
    }

    /** The quorum of a rule: 2/3 of the electorate by area and by owners, or none (null) for a simple majority. */
    public static Threshold quorum(BallotRule rule) {
        return rule == BallotRule.SIMPLE_MAJORITY ? null : new Threshold(2, 3, false, Basis.ELECTORATE, true, true);
    }

    /** What approves under a rule: 3/4 (major matters), more than 1/2 (ordinary ones), more than 1/2 by head (simple). */
    public static Threshold approval(BallotRule rule) {
        return switch (rule) {
            case CIVIL_CODE_MAJOR -> new Threshold(3, 4, false, Basis.PARTICIPATING, true, true);
            case CIVIL_CODE_ORDINARY -> new Threshold(1, 2, true, Basis.PARTICIPATING, true, true);
            case SIMPLE_MAJORITY -> new Threshold(1, 2, true, Basis.PARTICIPATING, false, true);
        };
    }

    /** Whether {@code part} of {@code whole} clears this bar on every measure it applies to. */
    public boolean clearedBy(Count part, Count whole) {
        return (!byArea || clears(part.areaCents(), whole.areaCents()))
                && (!byOwners || clears(part.owners(), whole.owners()));
    }

    private boolean clears(long part, long whole) {
        long left = Math.multiplyExact(part, denominator);
        long right = Math.multiplyExact(whole, numerator);
        return strictlyMore ? left > right : left >= right;
    }

    /** The fraction as a decimal with four places (0.6667 for 2/3). */
    public BigDecimal ratio() {
        return BigDecimal.valueOf(numerator).divide(BigDecimal.valueOf(denominator), 4, RoundingMode.HALF_UP);
    }

    /** The fraction as people write it: 2/3. */
    public String fraction() {
        return numerator + "/" + denominator;
    }
}
