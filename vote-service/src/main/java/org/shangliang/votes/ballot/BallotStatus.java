package org.shangliang.votes.ballot;

/** SCHEDULED until opensAt; NOT_OPENED when there was nobody to ask (no roll, no flats in scope). */
public enum BallotStatus {
    SCHEDULED, OPEN, CLOSED, NOT_OPENED
}
