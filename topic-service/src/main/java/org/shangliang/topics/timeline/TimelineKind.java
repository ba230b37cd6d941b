package org.shangliang.topics.timeline;

/** What a step of a topic's timeline was; labelled in both languages as {@code timelineKind.*} of {@code GET /api/labels}. */
public enum TimelineKind {
    PROPOSED,
    SUPPORTED,
    SUPPORT_WITHDRAWN,
    THRESHOLD_REACHED,
    OPINION_POSTED,
    STATUS_CHANGED,
    PROGRESS_RECORDED,
    COMPLETED,
    RATED,
    FOLLOW_UP_NEEDED,
    FOLLOW_UP_RECORDED,
    MEETING_SCHEDULED,
    MEETING_RESCHEDULED,
    MEETING_CANCELLED,
    MINUTES_RECORDED,
    MEETING_CONCLUDED,
    BALLOT_OPENED,
    BALLOT_NOT_OPENED,
    BALLOT_EXTENDED,
    BALLOT_CLOSED
}
