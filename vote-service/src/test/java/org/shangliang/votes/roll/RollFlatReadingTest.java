package org.shangliang.votes.roll;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.shangliang.votes.VoteServiceTestSupport;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * A roll's flats are read by hand (the hot path of opening a large ballot): what the template's mapping stored is
 * read back whole, and a scope finds the flats at or below it and no neighbour whose path only starts the same.
 */
class RollFlatReadingTest extends VoteServiceTestSupport {

    @Autowired
    Rolls rolls;

    @Autowired
    MongoTemplate mongo;

    @Test
    void theFlatsWithinAScopeAreReadAsTheTemplateStoredThem() {
        String community = community();
        String rollId = UUID.randomUUID().toString();
        List<RollFlat> building31 = List.of(
                flat(rollId, community, "31/3/101", "zhou.jianhua", "周建华", 6_620),
                flat(rollId, community, "31/3/502", "wang.guohua", "王国华", 6_146));
        RollFlat building311 = flat(rollId, community, "311/1/101", "li.xiulan", "李秀兰", 7_005);
        mongo.insertAll(List.of(building31.get(0), building31.get(1), building311));
        Roll roll = Roll.none(community);
        roll.replaceWith(rollId, 3, 3, 19_771, List.of(), "qian.yun", Instant.now());

        List<RollFlat> read = new ArrayList<>();
        rolls.flatsWithin(roll, community + "/yuejiang-xincun/31", read::add);

        assertThat(read).containsExactlyInAnyOrderElementsOf(building31);
    }

    private static RollFlat flat(String rollId, String community, String door, String ownerId, String name, long area) {
        String flat = community + "/yuejiang-xincun/" + door;
        String building = community + "/yuejiang-xincun/" + door.substring(0, door.indexOf('/'));
        return new RollFlat(rollId + "/" + flat, rollId, community, flat, community + "/yuejiang-xincun", building,
                ownerId, name, area, name);
    }
}
