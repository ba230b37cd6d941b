package org.shangliang.contracts.topic;

/** What decided a topic: the committee's review, a meeting's consensus or an owners' ballot. */
public enum DecisionSource {
    REVIEW, CONSENSUS, VOTE
}
