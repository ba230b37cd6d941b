package org.shangliang.contracts.vote;

public enum BallotOutcome {
    APPROVED, REJECTED, NO_QUORUM
}
