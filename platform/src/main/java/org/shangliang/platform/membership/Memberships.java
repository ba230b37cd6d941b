package org.shangliang.platform.membership;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.bson.Document;
import org.shangliang.platform.membership.MemberChanges.Change;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.BulkOperationException;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * A crowd's members as their own small documents, one per group and member ({@code <group>:<member>},
 * unique by its id): {@code {group, member, active, seq, at}}; a member who left stays with {@code active}
 * false. The group (a topic, a meeting) counts joins and leaves in its own document first
 * ({@link MemberChanges}, field {@code changesField}); right after its save, {@link #write} writes them
 * here and takes them off the group. A crash in between leaves them on the group, where they still count
 * and decide membership, and the group's next write takes them. Each write only replaces an older change
 * ({@code seq}), so writing a change twice, late, or from two instances at once leaves the newest.
 */
public final class Memberships {

    private static final int DUPLICATE_KEY = 11000;

    private final MongoTemplate mongo;
    private final String collection;
    private final String groupCollection;
    private final String changesField;

    /**
     * @param collection      where the members' documents live ({@code supports})
     * @param groupCollection where the groups live ({@code topics})
     * @param changesField    the groups' {@link MemberChanges} field ({@code supportChanges})
     */
    public Memberships(MongoTemplate mongo, String collection, String groupCollection, String changesField) {
        this.mongo = mongo;
        this.collection = collection;
        this.groupCollection = groupCollection;
        this.changesField = changesField;
    }

    /** The index MongoDB uses to count a group's members; call once at start. */
    public void ensureIndex() {
        mongo.indexOps(collection).createIndex(new Index().on("group", Sort.Direction.ASC).on("active", Sort.Direction.ASC)
                .named("group_active"));
    }

    static String idOf(String groupId, String memberId) {
        return groupId + ":" + memberId;
    }

    /** What the member's document says: false when there is none. */
    public boolean stored(String groupId, String memberId) {
        Document member = mongo.getCollection(collection).find(new Document("_id", idOf(groupId, memberId))).first();
        return member != null && Boolean.TRUE.equals(member.getBoolean("active"));
    }

    /** Of these members, the ones the documents say belong to the group. */
    public Set<String> storedMembersAmong(String groupId, Collection<String> memberIds) {
        List<String> ids = memberIds.stream().distinct().map(m -> idOf(groupId, m)).toList();
        Set<String> members = new HashSet<>();
        for (Document d : mongo.getCollection(collection).find(new Document("_id", new Document("$in", ids)))) {
            if (Boolean.TRUE.equals(d.getBoolean("active"))) {
                members.add(d.getString("member"));
            }
        }
        return members;
    }

    /** Of these groups, the ones the member belongs to as stored. */
    public Set<String> storedGroupsAmong(Collection<String> groupIds, String memberId) {
        if (groupIds.isEmpty() || memberId == null) {
            return Set.of();
        }
        List<String> ids = groupIds.stream().map(g -> idOf(g, memberId)).toList();
        Set<String> groups = new HashSet<>();
        for (Document d : mongo.getCollection(collection).find(new Document("_id", new Document("$in", ids)))) {
            if (Boolean.TRUE.equals(d.getBoolean("active"))) {
                groups.add(d.getString("group"));
            }
        }
        return groups;
    }

    /** How many belong to the group as stored (changes still on the group not included). */
    public long countStored(String groupId) {
        return mongo.getCollection(collection).countDocuments(new Document("group", groupId).append("active", true));
    }

    /**
     * Writes a saved group's pending changes to the members' documents (one round trip) and takes them off
     * the group. Changes a newer save added meanwhile stay for later.
     */
    public void write(String groupId, MemberChanges changes) {
        List<Change> pending = changes.pending();
        if (pending.isEmpty()) {
            return;
        }
        BulkOperations writes = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, collection);
        long newest = 0;
        for (Change change : pending) {
            writes.upsert(new Query(Criteria.where("_id").is(idOf(groupId, change.memberId())).and("seq").lt(change.seq())),
                    new Update().set("group", groupId).set("member", change.memberId()).set("active", change.member())
                            .set("seq", change.seq()).set("at", change.at()));
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
        mongo.updateFirst(new Query(Criteria.where("_id").is(groupId)),
                new Update().pull(changesField + ".pending", new Document("seq", new Document("$lte", newest))), groupCollection);
    }

    /**
     * Groups stored while they kept their members in a list ({@code listField}) get them written as documents;
     * the list then leaves the group, {@code countField} is set to its size, and the group's version moves,
     * so no stale copy is saved over it. Run it before an instance takes requests; several instances doing it
     * at once write the same documents. Answers how many groups were moved.
     */
    public int moveLists(String listField, String countField) {
        Query listed = new Query(Criteria.where(listField).exists(true));
        listed.fields().include(listField).include("createdAt");
        int moved = 0;
        for (Document group : mongo.find(listed, Document.class, groupCollection)) {
            Object groupId = group.get("_id");
            List<String> members = new ArrayList<>(group.getList(listField, String.class, List.of()));
            for (String member : members) {
                try {
                    mongo.upsert(new Query(Criteria.where("_id").is(idOf(String.valueOf(groupId), member))),
                            new Update().setOnInsert("group", groupId).setOnInsert("member", member).setOnInsert("active", true)
                                    .setOnInsert("seq", 0L).setOnInsert("at", group.get("createdAt")), collection);
                } catch (DuplicateKeyException alreadyMoved) {
                    // another instance wrote it first
                }
            }
            mongo.updateFirst(new Query(Criteria.where("_id").is(groupId)).addCriteria(Criteria.where(listField).exists(true)),
                    new Update().unset(listField).set(countField, members.size()).inc("version", 1L), groupCollection);
            moved++;
        }
        return moved;
    }
}
