package org.shangliang.contracts.meeting;

/** How a ballot is decided (API.md, Votes; PRC Civil Code art. 278). */
public enum BallotRule {
    CIVIL_CODE_MAJOR, CIVIL_CODE_ORDINARY, SIMPLE_MAJORITY
}
