package org.shangliang.notifications.audience;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Who is concerned by what, learnt from the events themselves: a topic's proposer and supporters, a
 * meeting's participants with an account and its registrants, a ballot's electorate. Every change is
 * one atomic set operation, so a redelivered event changes nothing.
 *
 * <p>An audience's description is one document ({@code topic/<id>}); its members are spread over
 * {@value #MEMBER_BUCKETS} documents by a hash of the member's id ({@code topic/<id>#<n>}), so adding the
 * 4,000th supporter rewrites a list of about 60, not one of 4,000, and a ballot's 50,000 owners are not
 * one document near MongoDB's size limit. Members stored before the buckets, in the description
 * document, still count and are removed from there too.
 */
@Component
public class Audiences {

    @Document("audiences")
    public record Audience(@Id String id, String title, String community, List<String> members, List<String> topicIds,
                           Instant closesAt) {
    }

    /** How many documents hold one audience's members. */
    static final int MEMBER_BUCKETS = 64;

    private final MongoTemplate mongo;

    Audiences(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public static String topic(String topicId) {
        return "topic/" + topicId;
    }

    public static String meeting(String meetingId) {
        return "meeting/" + meetingId;
    }

    public static String ballot(String ballotId) {
        return "ballot/" + ballotId;
    }

    public void describe(String key, String title, String community, List<String> topicIds) {
        Update update = new Update().set("community", community);
        if (title != null) {
            update.set("title", title);
        }
        if (topicIds != null) {
            update.set("topicIds", topicIds);
        }
        mongo.upsert(new Query(Criteria.where("_id").is(key)), update, Audience.class);
    }

    /** A ballot's closing time, as opened or extended, for the notices that name the deadline. */
    public void closesAt(String key, Instant closesAt) {
        mongo.upsert(new Query(Criteria.where("_id").is(key)), new Update().set("closesAt", closesAt), Audience.class);
    }

    public Instant closesAt(String key) {
        Audience audience = withoutMembers(key);
        return audience == null ? null : audience.closesAt();
    }

    /** An audience's description only: a ballot's members may be 50,000 ids, read once per notice part otherwise. */
    private Audience withoutMembers(String key) {
        Query query = new Query(Criteria.where("_id").is(key));
        query.fields().exclude("members");
        return mongo.findOne(query, Audience.class);
    }

    /** Everyone in the electorate of any ballot on this topic (they hear of its ballots by the ballot's own notices). */
    public Set<String> ofBallotsOn(String topicId) {
        Set<String> all = new LinkedHashSet<>();
        Query ballots = new Query(Criteria.where("_id").regex("^ballot/[^#]*$").and("topicIds").is(topicId));
        ballots.fields().include("_id");
        for (Audience ballot : mongo.find(ballots, Audience.class)) {
            all.addAll(members(ballot.id()));
        }
        return all;
    }

    /** The document of the audience's members that holds this member. */
    static String bucketOf(String key, String userId) {
        return key + "#" + Math.floorMod(userId.hashCode(), MEMBER_BUCKETS);
    }

    private static List<String> buckets(String key) {
        List<String> ids = new ArrayList<>(MEMBER_BUCKETS + 1);
        ids.add(key);
        for (int i = 0; i < MEMBER_BUCKETS; i++) {
            ids.add(key + "#" + i);
        }
        return ids;
    }

    public void add(String key, List<String> userIds) {
        Map<String, List<String>> byBucket = new LinkedHashMap<>();
        userIds.stream().filter(u -> u != null && !u.isBlank())
                .forEach(u -> byBucket.computeIfAbsent(bucketOf(key, u), b -> new ArrayList<>()).add(u));
        if (byBucket.isEmpty()) {
            return;
        }
        // one round trip for a ballot's part of 1,000 owners, not one per member document
        BulkOperations writes = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, Audience.class);
        byBucket.forEach((bucket, members) -> writes.upsert(new Query(Criteria.where("_id").is(bucket)),
                new Update().addToSet("members").each(members.toArray())));
        writes.execute();
    }

    public void remove(String key, String userId) {
        mongo.updateFirst(new Query(Criteria.where("_id").is(bucketOf(key, userId))), new Update().pull("members", userId),
                Audience.class);
        mongo.updateFirst(new Query(Criteria.where("_id").is(key).and("members").is(userId)), new Update().pull("members", userId),
                Audience.class);
    }

    public String title(String key) {
        Audience audience = withoutMembers(key);
        return audience == null || audience.title() == null ? "" : audience.title();
    }

    /** A meeting concerns its participants and registrants and every agenda topic's proposer and supporters. */
    public Set<String> ofMeeting(String meetingId, List<String> topicIds) {
        Set<String> all = new LinkedHashSet<>(members(meeting(meetingId)));
        for (String topicId : topicIds) {
            all.addAll(members(topic(topicId)));
        }
        return all;
    }

    /** Every member, from the audience's member documents (and its description, for members stored before them). */
    public List<String> members(String key) {
        return read(key).members();
    }

    /**
     * The audience's members, its description brought up to date on the way: written only when its title or
     * community changed. A topic's status moves many times under the same title; each move wrote it again, one
     * write of the four a notice took.
     */
    public List<String> membersDescribed(String key, String title, String community) {
        Read read = read(key);
        Audience description = read.description();
        if (description == null || !Objects.equals(description.community(), community)
                || title != null && !title.equals(description.title())) {
            describe(key, title, community, null);
        }
        return read.members();
    }

    private record Read(Audience description, List<String> members) {
    }

    /** The description and the member documents, in one query. */
    private Read read(String key) {
        Set<String> all = new LinkedHashSet<>();
        Audience description = null;
        for (Audience part : mongo.find(new Query(Criteria.where("_id").in(buckets(key))), Audience.class)) {
            if (part.id().equals(key)) {
                description = part;
            }
            if (part.members() != null) {
                all.addAll(part.members());
            }
        }
        return new Read(description, List.copyOf(all));
    }

}
