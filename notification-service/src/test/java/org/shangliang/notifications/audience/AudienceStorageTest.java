package org.shangliang.notifications.audience;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.shangliang.notifications.NotificationServiceTestSupport;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * A topic's 4,000 supporters on the real store: spread over small member documents, each added once however
 * often its event arrives, and members kept in the description document before the buckets still count.
 */
class AudienceStorageTest extends NotificationServiceTestSupport {

    @Autowired
    Audiences audiences;

    @Autowired
    MongoTemplate mongo;

    @Test
    void thousandsOfSupportersAreSpreadOverSmallDocumentsAndARedeliveredOneIsAddedOnce() {
        String key = Audiences.topic(UUID.randomUUID().toString());
        audiences.describe(key, "越江新村31号楼充电车棚", "yuejiang", null);
        List<String> supporters = new ArrayList<>();
        for (int i = 0; i < 4_000; i++) {
            supporters.add("resident-" + i);
        }
        audiences.add(key, supporters);
        audiences.add(key, List.of("resident-17")); // a redelivered support

        assertThat(audiences.members(key)).hasSize(4_000).doesNotHaveDuplicates();
        int largest = 0;
        for (int bucket = 0; bucket < Audiences.MEMBER_BUCKETS; bucket++) {
            Document part = mongo.getCollection("audiences").find(new Document("_id", key + "#" + bucket)).first();
            largest = Math.max(largest, part == null ? 0 : part.getList("members", String.class).size());
        }
        assertThat(largest).as("no member document near the whole audience").isLessThan(150);
        assertThat(audiences.title(key)).isEqualTo("越江新村31号楼充电车棚");

        audiences.remove(key, "resident-17");
        assertThat(audiences.members(key)).hasSize(3_999).doesNotContain("resident-17");
    }

    /** A topic first seen by a status move is described by it; a new title replaces the old one; members are read with it. */
    @Test
    void readingTheMembersDescribesTheAudienceWhenItIsNewOrChanged() {
        String key = Audiences.topic(UUID.randomUUID().toString());
        assertThat(audiences.membersDescribed(key, "易家桥新村晾衣架", "bachang")).isEmpty();
        assertThat(audiences.title(key)).isEqualTo("易家桥新村晾衣架");

        audiences.add(key, List.of("li.xiulan", "zhao.lei"));
        assertThat(audiences.membersDescribed(key, "易家桥新村晾衣架", "bachang")).containsExactlyInAnyOrder("li.xiulan", "zhao.lei");
        assertThat(audiences.membersDescribed(key, "易家桥新村12号楼晾衣架", "bachang")).hasSize(2);
        assertThat(audiences.title(key)).isEqualTo("易家桥新村12号楼晾衣架");
        assertThat(mongo.getCollection("audiences").find(new Document("_id", key)).first().getString("community"))
                .isEqualTo("bachang");
    }

    @Test
    void membersStoredInTheDescriptionBeforeTheBucketsStillCountAndCanBeRemoved() {
        String key = Audiences.topic(UUID.randomUUID().toString());
        mongo.getCollection("audiences").insertOne(new Document("_id", key).append("community", "bachang")
                .append("title", "易家桥新村晾衣架").append("members", List.of("li.xiulan", "zhang.weimin")));
        audiences.add(key, List.of("zhao.lei", "li.xiulan"));

        assertThat(audiences.members(key)).containsExactlyInAnyOrder("li.xiulan", "zhang.weimin", "zhao.lei");
        audiences.remove(key, "zhang.weimin");
        audiences.remove(key, "li.xiulan");
        assertThat(audiences.members(key)).containsExactly("zhao.lei");
    }
}
