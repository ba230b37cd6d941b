package org.shangliang.topics.topic;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.shangliang.contracts.topic.TopicCategory;
import org.shangliang.platform.membership.Memberships;
import org.shangliang.topics.TopicServiceTestSupport;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Supports stored as the residents' own documents (issue 12 item 3), on the real store: the topic document
 * does not grow with its supporters, a support the topic counted but a crash kept from being written still
 * counts and is written later, a late write never undoes a newer one, and topics stored with a supporters'
 * list are moved over.
 */
class SupportStorageTest extends TopicServiceTestSupport {

    @Autowired
    MongoTemplate mongo;

    @Autowired
    Memberships supports;

    private Document topicDocument(String id) {
        return mongo.getCollection("topics").find(eq("_id", id)).first();
    }

    /** The topic's own state, without its outbox, what the relay changes, and the threshold's date (set once). */
    private int stateSize(String id) {
        Document d = topicDocument(id);
        d.remove("outbox");
        d.remove("thresholdReachedAt");
        d.remove("version");
        d.remove("updatedAt");
        return d.toJson().length();
    }

    @Test
    void everySupportIsItsOwnDocumentAndTheTopicDoesNotGrowWithItsSupporters() throws Exception {
        String id = propose("越江新村31号楼加装电梯（联名存储）", "ELEVATOR");
        resident(unique("first")).post("/api/topics/" + id + "/supports", null);
        int afterOne = stateSize(id);

        var pool = Executors.newFixedThreadPool(8);
        List<Callable<Integer>> crowd = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            var neighbour = resident(unique("neighbour" + i));
            crowd.add(() -> neighbour.post("/api/topics/" + id + "/supports", null).status());
        }
        for (Future<Integer> f : pool.invokeAll(crowd)) {
            assertThat(f.get()).isEqualTo(201);
        }
        pool.shutdown();

        assertThat(committee().get("/api/topics/" + id).body().get("supportCount").asInt()).isEqualTo(62);
        assertThat(supports.countStored(id)).as("the proposer and 61 neighbours, one document each").isEqualTo(62);
        Document topic = topicDocument(id);
        assertThat(topic).doesNotContainKey("supporterIds");
        assertThat(topic.get("supportChanges", Document.class).getList("pending", Document.class)).as("every change written and taken off the topic")
                .isEmpty();
        assertThat(stateSize(id)).as("61 more supporters, the same topic document give or take a counter's digits")
                .isBetween(afterOne, afterOne + 4);
    }

    @Test
    void aSupportCountedButNotWrittenBeforeACrashStillCountsAndIsWrittenByTheNextChange() {
        String id = propose("越江新村31号楼楼道照明（崩溃后）", "SAFETY");
        String resident = unique("zhang.weimin");
        var neighbour = resident(resident);
        // what a crash right after the topic's save leaves: the support counted on the topic, no document yet
        mongo.updateFirst(new Query(Criteria.where("_id").is(id)), new Update().inc("supportCount", 1).inc("supportChanges.seq", 1)
                .push("supportChanges.pending", new Document("seq", 2L).append("memberId", resident).append("member", true)
                        .append("at", new java.util.Date())), "topics");
        assertThat(supports.stored(id, resident)).isFalse();

        var topic = neighbour.get("/api/topics/" + id).body();
        assertThat(topic.get("supportCount").asInt()).isEqualTo(2);
        assertThat(topic.get("supportedByMe").asBoolean()).isTrue();
        assertThat(neighbour.get("/api/topics?scope=" + BUILDING_31 + "&size=100").body().get("items").valueStream()
                .filter(t -> t.get("id").asString().equals(id)).findFirst().orElseThrow().get("supportedByMe").asBoolean())
                .as("the list says so too").isTrue();
        assertThat(neighbour.post("/api/topics/" + id + "/supports", null).status()).isEqualTo(409);

        assertThat(resident(unique("zhao.lei")).post("/api/topics/" + id + "/supports", null).status()).isEqualTo(201);
        assertThat(supports.stored(id, resident)).as("written by the next change of the topic").isTrue();
        assertThat(supports.countStored(id)).isEqualTo(3);
        assertThat(topicDocument(id).get("supportChanges", Document.class).getList("pending", Document.class)).isEmpty();
    }

    @Test
    void aLateWriteOfAnOlderChangeNeverUndoesANewerOne() {
        String id = propose("越江新村31号楼晾衣架（迟到的写入）", "PUBLIC_FACILITY");
        String proposer = topicDocument(id).getString("proposerId");
        String resident = unique("xu.jing");
        var neighbour = resident(resident);
        assertThat(neighbour.post("/api/topics/" + id + "/supports", null).status()).isEqualTo(201);
        assertThat(neighbour.delete("/api/topics/" + id + "/supports").status()).isEqualTo(204);

        // a copy of the topic from before the withdrawal, its support change written once more, late
        Topic stale = Topic.propose(id, "越江新村31号楼晾衣架（迟到的写入）", "", TopicCategory.PUBLIC_FACILITY, BUILDING_31,
                proposer, "居民", 5, Instant.now());
        stale.support(resident, false, Instant.now());
        supports.write(stale.getId(), stale.supportChanges());

        assertThat(supports.stored(id, resident)).as("the withdrawal stays").isFalse();
        assertThat(neighbour.get("/api/topics/" + id).body().get("supportedByMe").asBoolean()).isFalse();
        assertThat(supports.countStored(id)).isEqualTo(1);
    }

    @Test
    void topicsStoredWithASupportersListAreMovedToDocumentsAndKeepTheirCount() {
        String template = propose("越江新村31号楼车棚（旧格式）", "PARKING");
        Document legacy = topicDocument(template);
        String id = UUID.randomUUID().toString();
        String a = unique("a"), b = unique("b"), c = unique("c");
        legacy.put("_id", id);
        legacy.remove("supportChanges");
        legacy.put("outbox", List.of());
        legacy.put("supporterIds", List.of(a, b, c));
        legacy.put("supportCount", 3);
        mongo.getCollection("topics").insertOne(legacy);

        supports.afterSingletonsInstantiated();
        supports.afterSingletonsInstantiated(); // a second instance starting at the same time finds nothing left

        assertThat(topicDocument(id)).doesNotContainKey("supporterIds");
        assertThat(supports.countStored(id)).isEqualTo(3);
        assertThat(resident(b).get("/api/topics/" + id).body().get("supportedByMe").asBoolean()).isTrue();
        assertThat(resident(b).post("/api/topics/" + id + "/supports", null).status()).isEqualTo(409);
        assertThat(resident(unique("d")).post("/api/topics/" + id + "/supports", null).status()).isEqualTo(201);
        assertThat(resident(a).delete("/api/topics/" + id + "/supports").status()).isEqualTo(204);
        assertThat(committee().get("/api/topics/" + id).body().get("supportCount").asInt()).isEqualTo(3);
        assertThat(supports.countStored(id)).isEqualTo(3);
    }
}
