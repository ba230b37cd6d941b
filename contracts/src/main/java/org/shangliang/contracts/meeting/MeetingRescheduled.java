package org.shangliang.contracts.meeting;

import java.time.Instant;
import java.util.List;


/** The meeting moved; {@code sequence} is the calendar SEQUENCE, raised on every reschedule. */
public record MeetingRescheduled(
        String meetingId,
        String community,
        String title,
        List<String> topicIds,
        Instant startsAt,
        Instant endsAt,
        String location,
        Instant previousStartsAt,
        String previousLocation,
        int sequence,
        Instant rescheduledAt) implements MeetingEvent {
}
