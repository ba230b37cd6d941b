package org.shangliang.contracts.meeting;

/**
 * A meeting's resolution for one agenda topic. {@code scope} is the topic's scope (a place path
 * prefix), so the vote-service can freeze a ballot's electorate without asking anyone.
 * {@code costShare} is set only for an elevator topic put to the vote with its cost table: the
 * owners vote on the proposal together with it. {@code topicTitle} is the topic's title as the meeting
 * knew it, so a ballot can say what it is about (absent in events of before it was carried).
 */
public record Outcome(String topicId, String scope, Resolution resolution, String proposal, String reason,
                      BallotSpec ballot, CostShareSpec costShare, String topicTitle) {

    /** An outcome without the topic's title. */
    public Outcome(String topicId, String scope, Resolution resolution, String proposal, String reason,
                   BallotSpec ballot, CostShareSpec costShare) {
        this(topicId, scope, resolution, proposal, reason, ballot, costShare, null);
    }

    /** An outcome without a cost table. */
    public Outcome(String topicId, String scope, Resolution resolution, String proposal, String reason,
                   BallotSpec ballot) {
        this(topicId, scope, resolution, proposal, reason, ballot, null, null);
    }
}
