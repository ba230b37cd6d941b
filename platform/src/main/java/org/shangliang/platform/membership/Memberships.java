package org.shangliang.platform.membership;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import org.bson.Document;
import org.shangliang.platform.membership.MemberChanges.Change;
import org.shangliang.platform.store.InsertOnce;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
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
public final class Memberships implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(Memberships.class);

    /**
     * Where a kind of membership lives.
     *
     * @param collection      the members' documents ({@code supports})
     * @param groupCollection the groups ({@code topics})
     * @param changesField    the groups' {@link MemberChanges} field ({@code supportChanges})
     * @param listField       the list groups kept their members in before ({@code supporterIds}), moved at start
     * @param countField      the groups' count of members ({@code supportCount}), set when a list is moved
     */
    public record Kind(String collection, String groupCollection, String changesField, String listField, String countField) {
    }

    private final MongoTemplate mongo;
    private final String collection;
    private final Kind kind;

    public Memberships(MongoTemplate mongo, Kind kind) {
        this.mongo = mongo;
        this.kind = kind;
        this.collection = kind.collection();
    }

    /**
     * Before the service takes requests: the index MongoDB counts a group's members with, and the groups stored
     * with a list of members moved over ({@link #moveLists}).
     */
    @Override
    public void afterSingletonsInstantiated() {
        mongo.indexOps(collection).createIndex(new Index().on("group", Sort.Direction.ASC).on("active", Sort.Direction.ASC)
                .named("group_active"));
        int moved = moveLists(kind.listField(), kind.countField());
        if (moved > 0) {
            log.info("The {} of {} {} moved from a list in the document into {}", kind.listField(), moved, kind.groupCollection(),
                    collection);
        }
    }

    /**
     * Of these groups, the ids of those the member belongs to: the members' documents, overruled by changes
     * still on a group ({@link MemberChanges#isMember}). One query for all of them.
     */
    public <G> Set<String> memberAmong(Collection<G> groups, Function<G, String> idOf, Function<G, MemberChanges> changesOf,
                                       String memberId) {
        if (memberId == null || groups.isEmpty()) {
            return Set.of();
        }
        Set<String> stored = storedGroupsAmong(groups.stream().map(idOf).toList(), memberId);
        Set<String> member = new HashSet<>();
        for (G group : groups) {
            String id = idOf.apply(group);
            if (changesOf.apply(group).isMember(memberId, stored.contains(id))) {
                member.add(id);
            }
        }
        return member;
    }

    static String idOf(String groupId, String memberId) {
        return groupId + ":" + memberId;
    }

    /** What the member's document says: false when there is none. */
    public boolean stored(String groupId, String memberId) {
        return !active(List.of(idOf(groupId, memberId)), "member").isEmpty();
    }

    /** Of these members, the ones the documents say belong to the group. */
    public Set<String> storedMembersAmong(String groupId, Collection<String> memberIds) {
        return active(memberIds.stream().distinct().map(m -> idOf(groupId, m)).toList(), "member");
    }

    /** Of these groups, the ones the member belongs to as stored. */
    public Set<String> storedGroupsAmong(Collection<String> groupIds, String memberId) {
        if (groupIds.isEmpty() || memberId == null) {
            return Set.of();
        }
        return active(groupIds.stream().map(g -> idOf(g, memberId)).toList(), "group");
    }

    /** Of the documents with these ids, the {@code field} ({@code group} or {@code member}) of the active ones. */
    private Set<String> active(List<String> ids, String field) {
        Set<String> found = new HashSet<>();
        for (Document d : mongo.getCollection(collection).find(new Document("_id", new Document("$in", ids)))) {
            if (Boolean.TRUE.equals(d.getBoolean("active"))) {
                found.add(d.getString(field));
            }
        }
        return found;
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
        // a document that refuses (duplicate key) holds this change or a newer one already
        InsertOnce.execute(writes);
        mongo.updateFirst(new Query(Criteria.where("_id").is(groupId)),
                new Update().pull(kind.changesField() + ".pending", new Document("seq", new Document("$lte", newest))),
                kind.groupCollection());
    }

    /**
     * Groups stored while they kept their members in a list ({@code listField}) get them written as documents;
     * the list then leaves the group, {@code countField} is set to its size, and the group's version moves,
     * so no stale copy is saved over it. Run it before an instance takes requests; several instances doing it
     * at once write the same documents. Answers how many groups were moved.
     */
    int moveLists(String listField, String countField) {
        Query listed = new Query(Criteria.where(listField).exists(true));
        listed.fields().include(listField).include("createdAt");
        int moved = 0;
        for (Document group : mongo.find(listed, Document.class, kind.groupCollection())) {
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
                    new Update().unset(listField).set(countField, members.size()).inc("version", 1L), kind.groupCollection());
            moved++;
        }
        return moved;
    }
}
