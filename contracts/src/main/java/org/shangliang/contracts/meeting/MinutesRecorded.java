package org.shangliang.contracts.meeting;

import java.time.Instant;
import java.util.List;


public record MinutesRecorded(
        String meetingId,
        String community,
        List<String> topicIds,
        String summary,
        int opinionCount,
        Instant recordedAt) implements MeetingEvent {
}
