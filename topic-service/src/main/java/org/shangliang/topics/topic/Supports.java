package org.shangliang.topics.topic;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.bson.Document;
import org.shangliang.topics.topic.Topic.SupportChange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.BulkOperationException;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The residents' supports as their own documents ({@link Support}). A topic counts a support in the
 * very save that raises its events; right after it, {@link #write} writes the topic's pending support
 * changes here and takes them off the topic. A crash in between leaves them on the topic, where they
 * still count and decide {@code supportedByMe}, and the next change of the topic writes them.
 */
@Component
class Supports implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(Supports.class);

    private static final int DUPLICATE_KEY = 11000;

    private final MongoTemplate mongo;

    Supports(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** What the resident's document says: false when there is none. */
    boolean stored(String topicId, String residentId) {
        Support support = mongo.findById(Support.idOf(topicId, residentId), Support.class);
        return support != null && support.supported();
    }

    /** Of these residents, the ones the resident documents say support the topic. */
    Set<String> storedAmongResidents(String topicId, Collection<String> residentIds) {
        List<String> ids = residentIds.stream().distinct().map(r -> Support.idOf(topicId, r)).toList();
        Set<String> supporting = new HashSet<>();
        mongo.find(new Query(Criteria.where("_id").in(ids).and("supported").is(true)), Support.class)
                .forEach(s -> supporting.add(s.residentId()));
        return supporting;
    }

    /** Of these topics, the ones the resident supports as stored (pending changes are the topics' to add). */
    Set<String> storedAmong(Collection<String> topicIds, String residentId) {
        if (topicIds.isEmpty() || residentId == null) {
            return Set.of();
        }
        List<String> ids = topicIds.stream().map(t -> Support.idOf(t, residentId)).toList();
        Set<String> supported = new HashSet<>();
        mongo.find(new Query(Criteria.where("_id").in(ids).and("supported").is(true)), Support.class)
                .forEach(s -> supported.add(s.topicId()));
        return supported;
    }

    /**
     * Writes a saved topic's pending support changes to their documents and takes them off the topic. Each
     * write only replaces an older change ({@code seq}), so writing a change twice, or after a newer one, or
     * from two instances at once, leaves the newest. Changes a newer save added meanwhile stay for later.
     */
    void write(Topic topic) {
        List<SupportChange> changes = topic.getSupportChanges();
        if (changes.isEmpty()) {
            return;
        }
        // one round trip for all of them; a change older than the document's is refused by its duplicate _id
        BulkOperations writes = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, Support.class);
        long newest = 0;
        for (SupportChange change : changes) {
            String id = Support.idOf(topic.getId(), change.residentId());
            writes.upsert(new Query(Criteria.where("_id").is(id).and("seq").lt(change.seq())),
                    new Update().set("topicId", topic.getId()).set("residentId", change.residentId())
                            .set("supported", change.supported()).set("seq", change.seq()).set("at", change.at()));
            newest = Math.max(newest, change.seq());
        }
        try {
            writes.execute();
        } catch (BulkOperationException e) {
            if (e.getErrors().stream().anyMatch(error -> error.getCode() != DUPLICATE_KEY)) {
                throw e;
            }
            // the documents that refused hold this change or a newer one already
        }
        mongo.updateFirst(new Query(Criteria.where("_id").is(topic.getId())),
                new Update().pull("supportChanges", Query.query(Criteria.where("seq").lte(newest)).getQueryObject()),
                Topic.class);
    }

    /** How many residents support the topic as stored (pending changes not included). */
    long countStored(String topicId) {
        return mongo.count(new Query(Criteria.where("topicId").is(topicId).and("supported").is(true)), Support.class);
    }

    /**
     * Topics stored while they kept their supporters in a list ({@code supporterIds}) get them written as
     * documents before this instance takes requests; the list then leaves the topic (moving its version, so
     * no stale copy is saved over it). Several instances doing it at once write the same documents.
     */
    @Override
    public void afterSingletonsInstantiated() {
        Query listed = new Query(Criteria.where("supporterIds").exists(true));
        listed.fields().include("supporterIds").include("createdAt");
        int moved = 0;
        for (Document topic : mongo.find(listed, Document.class, "topics")) {
            Object topicId = topic.get("_id");
            List<String> residents = new ArrayList<>(topic.getList("supporterIds", String.class, List.of()));
            for (String resident : residents) {
                String id = Support.idOf(String.valueOf(topicId), resident);
                try {
                    mongo.upsert(new Query(Criteria.where("_id").is(id)), new Update().setOnInsert("topicId", topicId)
                            .setOnInsert("residentId", resident).setOnInsert("supported", true).setOnInsert("seq", 0L)
                            .setOnInsert("at", topic.get("createdAt")), Support.class);
                } catch (DuplicateKeyException alreadyMoved) {
                    // another instance wrote it first
                }
            }
            mongo.updateFirst(new Query(Criteria.where("_id").is(topicId)).addCriteria(Criteria.where("supporterIds").exists(true)),
                    new Update().unset("supporterIds").set("supportCount", residents.size()).inc("version", 1L), "topics");
            moved++;
        }
        if (moved > 0) {
            log.info("Supporters of {} topic(s) moved from the topic into their own documents", moved);
        }
    }
}
