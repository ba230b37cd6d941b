package org.shangliang.votes.roll;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/** One flat of one uploaded roll (rolls are replaced whole; a ballot copies what it needs when it opens). */
@Document("roll_flats")
@CompoundIndex(name = "roll_flat", def = "{'rollId': 1, 'flat': 1}")
public record RollFlat(@Id String id, String rollId, String community, String flat, String estate, String building,
                       String ownerId, String ownerName, long areaCents, String holder) {

    /**
     * The floor of a flat path read from its door number (门牌号), the last part: the digits before
     * the last two (301 → 3, 1502 → 15); 0 when the door number is not three or four digits.
     */
    public static int floorOf(String flat) {
        String door = flat.substring(flat.lastIndexOf('/') + 1);
        if (door.length() < 3 || door.length() > 4 || !door.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return 0;
        }
        return Integer.parseInt(door) / 100;
    }
}
