package org.shangliang.contracts.topic;

/** A topic's place in its lifecycle (API.md, Topics). */
public enum TopicStatus {
    PROPOSED, ACCEPTED, REJECTED, WITHDRAWN, IN_DELIBERATION, VOTING, APPROVED, IMPLEMENTING, COMPLETED
}
