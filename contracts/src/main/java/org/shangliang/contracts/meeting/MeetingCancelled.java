package org.shangliang.contracts.meeting;

import java.time.Instant;
import java.util.List;


/** The meeting was cancelled; its agenda topics go back to ACCEPTED. */
public record MeetingCancelled(
        String meetingId,
        String community,
        String title,
        List<String> topicIds,
        String reason,
        Instant cancelledAt) implements MeetingEvent {
}
