package org.shangliang.topics.timeline;

import java.util.Locale;
import java.util.Map;

import org.shangliang.contracts.EventCatalogue;

/**
 * Why a topic's status moved, as people say it (labels {@code timelineCause.*}): a person's request
 * (the committee's review, the proposer's withdrawal, staff recording progress or completion) or a step
 * of another service (a meeting, a ballot), which {@code TopicStatusChanged.cause} names by its
 * CloudEvents type.
 */
public enum TimelineCause {
    REVIEW, WITHDRAWAL, PROGRESS, COMPLETION,
    MEETING_SCHEDULED, MEETING_CANCELLED, MEETING_CONCLUDED, BALLOT_OPENED, BALLOT_NOT_OPENED, BALLOT_CLOSED,
    OTHER;

    /** Another service's step, by the CloudEvents type {@code TopicStatusChanged.cause} names it with. */
    private static final Map<String, TimelineCause> BY_EVENT_TYPE = Map.of(
            EventCatalogue.MEETING_SCHEDULED.type(), MEETING_SCHEDULED,
            EventCatalogue.MEETING_CANCELLED.type(), MEETING_CANCELLED,
            EventCatalogue.MEETING_CONCLUDED.type(), MEETING_CONCLUDED,
            EventCatalogue.BALLOT_OPENED.type(), BALLOT_OPENED,
            EventCatalogue.BALLOT_NOT_OPENED.type(), BALLOT_NOT_OPENED,
            EventCatalogue.BALLOT_CLOSED.type(), BALLOT_CLOSED);

    /** The cause of a {@code TopicStatusChanged}; {@link #OTHER} for one this version does not know. */
    static TimelineCause of(String cause) {
        if (cause == null) {
            return OTHER;
        }
        TimelineCause step = BY_EVENT_TYPE.get(cause);
        if (step != null) {
            return step;
        }
        try {
            return valueOf(cause.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            return OTHER;
        }
    }

    /** Whether a person's request moved the status (else another service's step did, and no person acted here). */
    boolean byAPerson() {
        return this == REVIEW || this == WITHDRAWAL || this == PROGRESS || this == COMPLETION;
    }
}
