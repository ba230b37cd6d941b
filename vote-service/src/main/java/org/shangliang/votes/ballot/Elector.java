package org.shangliang.votes.ballot;

import java.time.Instant;
import java.util.List;

import org.shangliang.votes.counting.Choice;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One holder of a ballot's frozen electorate and its vote. A vote is one atomic conditional update
 * of this document ("no vote yet, not sealed"), so a holder votes once however many requests race;
 * closing seals every elector first, so no vote can land after it was counted.
 */
@Document("electors")
@CompoundIndex(name = "ballot_owner", def = "{'ballotId': 1, 'ownerId': 1}", unique = true)
public record Elector(@Id String id, String ballotId, String holder, String ownerId, String ownerName, long areaCents,
                      List<String> flats, Choice choice, String channel, String evidence, String recordedBy,
                      String receipt, Instant votedAt, boolean sealed) {
}
