package org.shangliang.notifications.audience;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.springframework.data.annotation.Id;
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
 */
@Component
public class Audiences {

    @Document("audiences")
    public record Audience(@Id String id, String title, String community, List<String> members, List<String> topicIds,
                           Instant closesAt) {
    }

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
        for (Audience ballot : mongo.find(new Query(Criteria.where("_id").regex("^ballot/").and("topicIds").is(topicId)),
                Audience.class)) {
            if (ballot.members() != null) {
                all.addAll(ballot.members());
            }
        }
        return all;
    }

    public void add(String key, List<String> userIds) {
        List<String> real = userIds.stream().filter(u -> u != null && !u.isBlank()).toList();
        if (!real.isEmpty()) {
            mongo.upsert(new Query(Criteria.where("_id").is(key)), new Update().addToSet("members").each(real.toArray()),
                    Audience.class);
        }
    }

    public void remove(String key, String userId) {
        mongo.updateFirst(new Query(Criteria.where("_id").is(key)), new Update().pull("members", userId), Audience.class);
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

    public List<String> members(String key) {
        Audience audience = mongo.findById(key, Audience.class);
        return audience == null || audience.members() == null ? List.of() : audience.members();
    }

}
