package org.shangliang.contracts.meeting;

/** A meeting's resolution for one agenda topic. */
public record Outcome(String topicId, Resolution resolution, String proposal, String reason, BallotSpec ballot) {
}
