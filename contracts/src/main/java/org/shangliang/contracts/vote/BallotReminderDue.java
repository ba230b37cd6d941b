package org.shangliang.contracts.vote;

import java.time.Instant;
import java.util.List;

import org.shangliang.contracts.IntegrationEvent;

/** 24 hours before closing: one part (≤ 1,000) of the owners who have not voted yet. */
public record BallotReminderDue(
        String ballotId,
        String topicId,
        String community,
        Instant closesAt,
        int part,
        int parts,
        List<String> ownerIds) implements IntegrationEvent {
}
