package org.shangliang.contracts.meeting;

import java.time.Instant;
import java.util.List;


public record RegistrationAdded(
        String meetingId,
        String community,
        List<String> topicIds,
        String residentId,
        int registeredCount,
        Instant registeredAt) implements MeetingEvent {
}
