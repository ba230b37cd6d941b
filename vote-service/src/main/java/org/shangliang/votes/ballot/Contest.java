package org.shangliang.votes.ballot;

import java.time.Instant;

/**
 * An owner's contest of a vote the committee or staff recorded for her offline (异议), and how the
 * committee resolved it. PENDING until resolved; VOIDED moves the vote and this contest into the
 * elector's audit ({@link VoidedVote}) and lets her vote again; UPHELD stays with the vote.
 */
public record Contest(String reason, Instant contestedAt, Status status, String resolvedBy, String resolution,
                      Instant resolvedAt) {

    public enum Status {
        PENDING, UPHELD, VOIDED
    }

    /** What the committee decides about a contested vote. */
    public enum Decision {
        VOID, UPHOLD
    }

    static Contest pending(String reason, Instant at) {
        return new Contest(reason, at, Status.PENDING, null, null, null);
    }

    Contest upheld(String by, String why, Instant at) {
        return new Contest(reason, contestedAt, Status.UPHELD, by, why, at);
    }
}
