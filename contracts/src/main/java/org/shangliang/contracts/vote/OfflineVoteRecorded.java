package org.shangliang.contracts.vote;

import java.time.Instant;
import java.util.List;

import org.shangliang.contracts.IntegrationEvent;

/**
 * The committee or staff entered a paper, door-to-door or on-site vote for a holder of a ballot's
 * electorate. The owner ({@code ownerId}) is told who recorded it, how and on what evidence, so a
 * vote entered without her knowledge does not go unnoticed; never the choice.
 */
public record OfflineVoteRecorded(
        String ballotId,
        String topicId,
        String community,
        String holder,
        String ownerId,
        List<String> flats,
        String channel,
        String evidence,
        String recordedBy,
        Instant recordedAt) implements IntegrationEvent {
}
