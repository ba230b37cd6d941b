package org.shangliang.votes.roll;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/** One flat of one uploaded roll (rolls are replaced whole; a ballot copies what it needs when it opens). */
@Document("roll_flats")
@CompoundIndex(name = "roll_flat", def = "{'rollId': 1, 'flat': 1}")
public record RollFlat(@Id String id, String rollId, String community, String flat, String estate, String building,
                       String ownerId, String ownerName, long areaCents, String holder) {
}
