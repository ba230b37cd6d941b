package org.shangliang.topics.timeline;

import java.util.Locale;

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

    /** The cause of a {@code TopicStatusChanged}; {@link #OTHER} for one this version does not know. */
    static TimelineCause of(String cause) {
        if (cause == null) {
            return OTHER;
        }
        if (EventCatalogue.MEETING_SCHEDULED.type().equals(cause)) {
            return MEETING_SCHEDULED;
        }
        if (EventCatalogue.MEETING_CANCELLED.type().equals(cause)) {
            return MEETING_CANCELLED;
        }
        if (EventCatalogue.MEETING_CONCLUDED.type().equals(cause)) {
            return MEETING_CONCLUDED;
        }
        if (EventCatalogue.BALLOT_OPENED.type().equals(cause)) {
            return BALLOT_OPENED;
        }
        if (EventCatalogue.BALLOT_NOT_OPENED.type().equals(cause)) {
            return BALLOT_NOT_OPENED;
        }
        if (EventCatalogue.BALLOT_CLOSED.type().equals(cause)) {
            return BALLOT_CLOSED;
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
