package org.shangliang.contracts.meeting;

import java.time.Instant;
import java.util.List;


/**
 * A consultation meeting was scheduled. Like every meeting event it is keyed by its first agenda
 * topic, so all events of one meeting stay in order.
 */
public record MeetingScheduled(
        String meetingId,
        String community,
        String title,
        List<String> topicIds,
        Instant startsAt,
        Instant endsAt,
        String location,
        MeetingFormat format,
        int capacity,
        List<Participant> participants,
        String scheduledBy,
        Instant scheduledAt) implements MeetingEvent {
}
