package org.shangliang.votes.ballot;

import java.time.Instant;
import java.util.List;

import org.shangliang.votes.counting.Choice;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.CompoundIndexes;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One holder of a ballot's frozen electorate and its vote. A vote is one atomic conditional update
 * of this document ("no vote yet, not sealed"), so a holder votes once however many requests race;
 * closing seals every elector first, so no vote can land after it was counted.
 */
@Document("electors")
@CompoundIndexes({
        @CompoundIndex(name = "ballot_owner", def = "{'ballotId': 1, 'ownerId': 1}", unique = true),
        @CompoundIndex(name = "ballot_flats", def = "{'ballotId': 1, 'flats': 1}")})
public record Elector(@Id String id, String ballotId, String holder, String ownerId, String ownerName, long areaCents,
                      List<String> flats, Choice choice, VoteChannel channel, String evidence, String recordedBy,
                      String receipt, Instant votedAt, boolean sealed) {

    static Elector notYetVoted(String ballotId, String holder, String ownerId, String ownerName, long areaCents,
                               List<String> flats) {
        return new Elector(ballotId + "/" + holder, ballotId, holder, ownerId, ownerName, areaCents, List.copyOf(flats),
                null, null, null, null, null, null, false);
    }

    boolean voted() {
        return choice != null;
    }
}
