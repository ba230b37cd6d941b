package org.shangliang.contracts.meeting;

import java.time.Instant;
import java.util.List;


/** The meeting ended with exactly one outcome per agenda topic. */
public record MeetingConcluded(
        String meetingId,
        String community,
        String title,
        List<String> topicIds,
        List<Outcome> outcomes,
        String concludedBy,
        Instant concludedAt) implements MeetingEvent {
}
