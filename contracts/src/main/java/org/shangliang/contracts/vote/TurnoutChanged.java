package org.shangliang.contracts.vote;

import java.time.Instant;

import org.shangliang.contracts.IntegrationEvent;

/** Turnout after a vote was recorded: never who voted or how. */
public record TurnoutChanged(
        String ballotId,
        String topicId,
        String community,
        Tally participating,
        Tally electorate,
        Instant at) implements IntegrationEvent {
}
