package org.shangliang.votes.ballot;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import org.bson.Document;
import org.shangliang.platform.outbox.PendingEvent;
import org.shangliang.platform.security.CurrentUser;
import org.shangliang.platform.store.InsertOnce;
import org.shangliang.platform.web.PageResponse;
import org.shangliang.platform.web.Pages;
import org.shangliang.platform.web.TextMatch;
import org.shangliang.votes.counting.Choice;
import org.shangliang.votes.counting.Count;
import org.shangliang.votes.counting.Tally;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/** Where ballots and their electors are kept (MongoDB): every query and atomic write of the ballot feature. */
@Component
class BallotStore {

    private final MongoTemplate mongo;
    /** Batches of a frozen electorate written at once, each on its own connection. */
    private final int electorWriters;

    BallotStore(MongoTemplate mongo, @Value("${shangliang.votes.elector-writers:2}") int electorWriters) {
        this.mongo = mongo;
        this.electorWriters = electorWriters;
    }

    Optional<Ballot> find(String id) {
        return Optional.ofNullable(mongo.findById(id, Ballot.class));
    }

    /** False when the ballot exists already (a redelivered conclusion). */
    boolean insert(Ballot ballot) {
        try {
            mongo.insert(ballot);
            return true;
        } catch (DuplicateKeyException redelivered) {
            return false;
        }
    }

    /** False when another instance saved the ballot first (its step then counts, this one is dropped). */
    boolean saveUnlessOvertaken(Ballot ballot) {
        try {
            mongo.save(ballot);
            return true;
        } catch (OptimisticLockingFailureException anotherInstanceWasFaster) {
            return false;
        }
    }

    /** Saves a ballot changed by a person's request: a lost race is the caller's 409 (retry). */
    void save(Ballot ballot) {
        mongo.save(ballot);
    }

    /**
     * Writes a frozen electorate. An earlier attempt that crashed half-way may have written some electors
     * already: same ids, same content. The documents are made here rather than by the template's mapping,
     * which cost vote-service as much CPU as the store's own work when a ballot of 50,000 owners opens.
     * Two batches are in flight at once ({@code shangliang.votes.elector-writers}): one is made and sent
     * while the store inserts the other.
     */
    void insertElectors(List<Elector> electors) {
        insertElectors(electors, electorWriters);
    }

    /** As {@link #insertElectors(List)}, with this many batches in flight. */
    void insertElectors(List<Elector> electors, int writers) {
        List<Document> documents = new ArrayList<>(electors.size());
        electors.forEach(elector -> documents.add(frozen(elector)));
        mongo.execute(Ballots.ELECTORS, electorsCollection -> InsertOnce.all(electorsCollection, documents, writers));
    }

    /**
     * An elector of a frozen electorate as the template's mapping stores it ({@code FrozenElectorTest} holds
     * the two the same); only a holder before any vote, contest or void is written this way.
     */
    static Document frozen(Elector elector) {
        if (elector.voted() || elector.sealed() || elector.contest() != null || elector.voided() != null) {
            throw new IllegalArgumentException("Only an elector who has not voted is frozen into an electorate: "
                    + elector.id());
        }
        Document document = new Document("_id", elector.id()).append("ballotId", elector.ballotId())
                .append("holder", elector.holder()).append("ownerId", elector.ownerId())
                .append("ownerName", elector.ownerName()).append("areaCents", elector.areaCents())
                .append("flats", elector.flats()).append("sealed", false);
        if (elector.shares() != null) {
            document.append("shares", elector.shares());
        }
        return document.append("_class", Elector.class.getName());
    }

    /** The one elector a voter names, or none. */
    Optional<Elector> elector(String ballotId, Voter voter) {
        return Optional.ofNullable(mongo.findOne(new Query(whose(ballotId, voter)), Elector.class));
    }

    /**
     * The owner's own online vote: one atomic conditional update of her elector ("no vote yet, not
     * sealed"). Empty when there is no such elector, it voted already, or the ballot was sealed.
     */
    Optional<Elector> recordOnlineVote(String ballotId, String ownerId, Choice choice, String receipt, Instant at) {
        return Optional.ofNullable(mongo.findAndModify(
                new Query(whose(ballotId, new Voter.Owner(ownerId)).and("choice").is(null).and("sealed").is(false)),
                new Update().set("choice", choice).set("channel", VoteChannel.ONLINE).set("receipt", receipt)
                        .set("votedAt", at),
                FindAndModifyOptions.options().returnNew(true), Elector.class));
    }

    /**
     * An offline vote for one elector of the electorate and the event that tells its owner, in one
     * conditional write of the elector's document ("no vote yet, not sealed"); empty when it lost.
     */
    Optional<Elector> recordOfflineVote(Elector elector, Choice choice, VoteChannel channel, String evidence,
                                        String recordedBy, String receipt, Instant at, PendingEvent notice) {
        return Optional.ofNullable(mongo.findAndModify(
                new Query(Criteria.where("_id").is(elector.id()).and("choice").is(null).and("sealed").is(false)),
                new Update().set("choice", choice).set("channel", channel).set("evidence", evidence)
                        .set("recordedBy", recordedBy).set("receipt", receipt).set("votedAt", at).push("outbox", notice),
                FindAndModifyOptions.options().returnNew(true), Elector.class));
    }

    /** The owner's contest of the very vote she read (same time), once, before sealing; with its event. */
    Optional<Elector> contest(Elector elector, Contest contest, PendingEvent notice) {
        return Optional.ofNullable(mongo.findAndModify(
                new Query(Criteria.where("_id").is(elector.id()).and("votedAt").is(elector.votedAt())
                        .and("contest").is(null).and("sealed").is(false)),
                new Update().set("contest", contest).push("outbox", notice),
                FindAndModifyOptions.options().returnNew(true), Elector.class));
    }

    /** The committee keeps a contested vote: the contest is closed as upheld, with its event. */
    Optional<Elector> uphold(Elector elector, Contest upheld, PendingEvent notice) {
        return Optional.ofNullable(mongo.findAndModify(pendingContest(elector),
                new Update().set("contest", upheld).push("outbox", notice),
                FindAndModifyOptions.options().returnNew(true), Elector.class));
    }

    /**
     * The committee voids a contested vote: the vote is removed (the owner may vote again), its audit
     * kept in {@code voided}, the event queued; one conditional write, never after sealing.
     */
    Optional<Elector> voidVote(Elector elector, VoidedVote audit, PendingEvent notice) {
        return Optional.ofNullable(mongo.findAndModify(pendingContest(elector),
                new Update().unset("choice").unset("channel").unset("evidence").unset("recordedBy").unset("receipt")
                        .unset("votedAt").unset("contest").push("voided", audit).push("outbox", notice),
                FindAndModifyOptions.options().returnNew(true), Elector.class));
    }

    private static Query pendingContest(Elector elector) {
        return new Query(Criteria.where("_id").is(elector.id()).and("contest.status").is(Contest.Status.PENDING)
                .and("sealed").is(false));
    }

    /** Every holder with a vote entered offline, or one voided: who entered what, how and when; never the choice. */
    List<Elector> offlineRecords(String ballotId) {
        Query query = new Query(Criteria.where("ballotId").is(ballotId).orOperator(
                Criteria.where("channel").in(VoteChannel.PAPER, VoteChannel.DOOR_TO_DOOR, VoteChannel.ON_SITE),
                Criteria.where("voided.0").exists(true)));
        query.fields().exclude("choice").exclude("receipt").exclude("outbox");
        return mongo.find(query, Elector.class);
    }

    /** Live turnout: owners and area that voted so far (never their choices). */
    Count turnout(String ballotId) {
        return turnouts(List.of(ballotId)).getOrDefault(ballotId, Count.NONE);
    }

    /** Live turnout of several ballots in one query (a page of the list); a ballot nobody voted on is absent. */
    Map<String, Count> turnouts(Collection<String> ballotIds) {
        Map<String, Count> turnouts = new HashMap<>();
        if (ballotIds.isEmpty()) {
            return turnouts;
        }
        mongo.getCollection(Ballots.ELECTORS).aggregate(List.of(
                new Document("$match", new Document("ballotId", new Document("$in", List.copyOf(ballotIds)))
                        .append("choice", new Document("$ne", null))),
                new Document("$group", new Document("_id", "$ballotId").append("owners", new Document("$sum", 1))
                        .append("area", new Document("$sum", "$areaCents"))))).forEach(d -> turnouts.put(d.getString("_id"),
                new Count(((Number) d.get("owners")).longValue(), ((Number) d.get("area")).longValue())));
        return turnouts;
    }

    /** One owner's electors in several ballots in one query, by ballot id (absent where they are not in the electorate). */
    Map<String, Elector> electorsOf(Collection<String> ballotIds, String ownerId) {
        Map<String, Elector> electors = new HashMap<>();
        if (!ballotIds.isEmpty()) {
            mongo.find(new Query(Criteria.where("ballotId").in(ballotIds).and("ownerId").is(ownerId)), Elector.class)
                    .forEach(e -> electors.put(e.ballotId(), e));
        }
        return electors;
    }

    /** A page of ballots the caller may see, newest first, optionally of one topic and one status. */
    PageResponse<Ballot> page(CurrentUser user, String topicId, BallotStatus status, int page, int size) {
        Criteria where = user.isStreetLevel() ? new Criteria() : Criteria.where("community").is(user.community());
        if (topicId != null) {
            where = where.and("topicId").is(topicId);
        }
        if (status != null) {
            where = where.and("status").is(status);
        }
        return Pages.find(mongo, new Query(where), Ballot.class, Sort.by(Sort.Direction.DESC, "opensAt"), page, size);
    }

    /** The owner ids of everyone who has not voted yet. */
    List<String> notYetVoted(String ballotId) {
        List<String> owners = new ArrayList<>();
        for (Document elector : mongo.getCollection(Ballots.ELECTORS)
                .find(new Document("ballotId", ballotId).append("choice", null))
                .projection(new Document("ownerId", 1))) {
            owners.add(elector.getString("ownerId"));
        }
        return owners;
    }

    /** Every elector holding a flat at or below a place, streamed (choices are never read out of here). */
    void electorsWithin(String ballotId, String place, Consumer<Elector> each) {
        Pattern within = Pattern.compile("^" + TextMatch.containing(place).pattern() + "(/|$)");
        Query query = new Query(Criteria.where("ballotId").is(ballotId).and("flats").regex(within));
        query.fields().exclude("choice").exclude("receipt").exclude("evidence");
        mongo.stream(query, Elector.class).forEach(each);
    }

    /**
     * Seals every elector whose vote could still change (no vote lands after this), then sums them by choice
     * where they are kept: one group per choice (null: did not vote), not 50,000 electors read out to be added
     * up here. An owner's own online vote is final (it is never contested, so never voided): those electors
     * need no seal, which spares a write for each of them. Not voted yet, or entered offline (open to a
     * contest and a void): sealed. Each elector is matched and sealed atomically, so a vote either landed
     * before (and is counted) or is refused.
     */
    List<Tally.Group> sealAndCount(String ballotId) {
        List<VoteChannel> offline = Arrays.stream(VoteChannel.values()).filter(VoteChannel::offline).toList();
        mongo.updateMulti(new Query(Criteria.where("ballotId").is(ballotId).orOperator(Criteria.where("choice").is(null),
                Criteria.where("channel").in(offline))), new Update().set("sealed", true), Elector.class);
        List<Tally.Group> groups = new ArrayList<>();
        mongo.getCollection(Ballots.ELECTORS).aggregate(List.of(
                new Document("$match", new Document("ballotId", ballotId)),
                new Document("$group", new Document("_id", "$choice").append("owners", new Document("$sum", 1))
                        .append("area", new Document("$sum", "$areaCents"))))).forEach(d -> {
                    String choice = d.getString("_id");
                    groups.add(new Tally.Group(choice == null ? null : Choice.valueOf(choice),
                            new Count(((Number) d.get("owners")).longValue(), ((Number) d.get("area")).longValue())));
                });
        return groups;
    }

    /** The ids of up to 100 ballots in a status whose time field has come. */
    List<String> due(BallotStatus status, String timeField, Instant until, Criteria also) {
        Query query = new Query(Criteria.where("status").is(status).and(timeField).lte(until));
        if (also != null) {
            query.addCriteria(also);
        }
        query.fields().include("_id");
        return mongo.find(query.limit(100), Ballot.class).stream().map(Ballot::getId).toList();
    }

    private static Criteria whose(String ballotId, Voter voter) {
        Criteria ballot = Criteria.where("ballotId").is(ballotId);
        if (voter instanceof Voter.Flat f) {
            return ballot.and("flats").is(f.flat());
        }
        if (voter instanceof Voter.Holder h) {
            return ballot.and("holder").is(h.holder());
        }
        return ballot.and("ownerId").is(((Voter.Owner) voter).ownerId());
    }
}
