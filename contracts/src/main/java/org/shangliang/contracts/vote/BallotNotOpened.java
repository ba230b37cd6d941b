package org.shangliang.contracts.vote;

import java.time.Instant;

import org.shangliang.contracts.IntegrationEvent;

/** A meeting asked for a ballot that could not be opened (for example no flats in the scope). */
public record BallotNotOpened(
        String topicId,
        String meetingId,
        String community,
        String scope,
        String reason,
        Instant at) implements IntegrationEvent {
}
