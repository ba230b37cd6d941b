package org.shangliang.contracts.meeting;

/**
 * A meeting's resolution for one agenda topic. {@code scope} is the topic's scope (a place path
 * prefix), so the vote-service can freeze a ballot's electorate without asking anyone.
 */
public record Outcome(String topicId, String scope, Resolution resolution, String proposal, String reason,
                      BallotSpec ballot) {
}
