package org.shangliang.contracts.meeting;

/** What a meeting resolved for one agenda topic. */
public enum Resolution {
    PUT_TO_VOTE, CONSENSUS, NOT_FEASIBLE, FURTHER_STUDY
}
