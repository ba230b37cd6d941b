package org.shangliang.contracts.meeting;

import java.time.Instant;
import java.util.List;


/** 24 hours before a meeting starts; once per meeting and schedule ({@code sequence}). */
public record MeetingReminderDue(
        String meetingId,
        String community,
        String title,
        List<String> topicIds,
        Instant startsAt,
        String location,
        int sequence) implements MeetingEvent {
}
