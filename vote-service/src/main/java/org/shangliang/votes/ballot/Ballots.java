package org.shangliang.votes.ballot;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.mongodb.MongoBulkWriteException;
import org.shangliang.contracts.meeting.BallotSpec;
import org.shangliang.contracts.meeting.Outcome;
import org.shangliang.platform.security.CurrentUser;
import org.shangliang.platform.web.ProblemException;
import org.shangliang.votes.counting.Choice;
import org.shangliang.votes.counting.Count;
import org.shangliang.votes.counting.Tally;
import org.shangliang.votes.counting.TallyResult;
import org.shangliang.votes.roll.Roll;
import org.shangliang.votes.roll.RollFlat;
import org.shangliang.votes.roll.Rolls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/** A ballot's life: scheduled by a meeting, opened with a frozen electorate, voted, reminded, closed and counted. */
@Service
public class Ballots {

    private static final Logger log = LoggerFactory.getLogger(Ballots.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final MongoTemplate mongo;
    private final Rolls rolls;
    private final Clock clock;

    Ballots(MongoTemplate mongo, Rolls rolls, Clock clock) {
        this.mongo = mongo;
        this.rolls = rolls;
        this.clock = clock;
    }

    /** The same meeting and topic always give the same ballot: a redelivered conclusion opens nothing twice. */
    static String idFor(String meetingId, String topicId) {
        return UUID.nameUUIDFromBytes(("ballot/" + meetingId + "/" + topicId).getBytes(StandardCharsets.UTF_8)).toString();
    }

    void schedule(String meetingId, String community, Outcome outcome, Instant concludedAt) {
        BallotSpec spec = outcome.ballot();
        Instant opensAt = spec.opensAt() != null ? spec.opensAt() : concludedAt;
        Ballot ballot = Ballot.schedule(idFor(meetingId, outcome.topicId()), outcome.topicId(), meetingId, community,
                outcome.scope(), spec.rule(), outcome.proposal(), opensAt, spec.closesAt(), clock.instant());
        if (spec.closesAt() == null || !spec.closesAt().isAfter(opensAt)) {
            ballot.notOpened("CLOSES_BEFORE_OPENS", clock.instant());
        }
        try {
            mongo.insert(ballot);
            log.info("Ballot {} on topic {} scheduled: {} from {} to {}", ballot.getId(), outcome.topicId(), spec.rule(),
                    opensAt, spec.closesAt());
        } catch (DuplicateKeyException redelivered) {
            return;
        }
        openIfDue(ballot.getId());
    }

    /** Freezes the electorate (the current roll's flats in the scope, by holder) and opens the ballot. */
    void openIfDue(String ballotId) {
        Ballot ballot = mongo.findById(ballotId, Ballot.class);
        Instant now = clock.instant();
        if (ballot == null || ballot.getStatus() != BallotStatus.SCHEDULED || ballot.getOpensAt().isAfter(now)) {
            return;
        }
        Roll roll = rolls.current(ballot.getCommunity()).orElse(null);
        Map<String, List<RollFlat>> byHolder = new LinkedHashMap<>();
        if (roll != null) {
            rolls.flatsWithin(roll, ballot.getScope(), f -> byHolder.computeIfAbsent(f.holder(), h -> new ArrayList<>()).add(f));
        }
        if (byHolder.isEmpty()) {
            ballot.notOpened(roll == null ? "NO_ROLL" : "NO_FLATS_IN_SCOPE", now);
            saveIgnoringLostRace(ballot);
            log.warn("Ballot {} not opened: {}", ballotId, ballot.getNotOpenedReason());
            return;
        }
        Count frozen = Count.NONE;
        List<Elector> electors = new ArrayList<>();
        List<String> ownerIds = new ArrayList<>();
        for (var entry : byHolder.entrySet()) {
            List<RollFlat> flats = entry.getValue();
            long area = flats.stream().mapToLong(RollFlat::areaCents).sum();
            frozen = frozen.plus(area);
            RollFlat first = flats.get(0);
            ownerIds.add(first.ownerId());
            electors.add(new Elector(ballotId + "/" + entry.getKey(), ballotId, entry.getKey(), first.ownerId(),
                    first.ownerName(), area, flats.stream().map(RollFlat::flat).toList(), null, null, null, null, null,
                    null, false));
        }
        for (int i = 0; i < electors.size(); i += 1_000) {
            insertIgnoringExisting(electors.subList(i, Math.min(electors.size(), i + 1_000)));
        }
        ballot.open(frozen, ownerIds, now);
        if (saveIgnoringLostRace(ballot)) {
            log.info("Ballot {} opened: {} owners, {} m²", ballotId, frozen.owners(), frozen.area());
        }
    }

    /** An earlier attempt that crashed half-way may have written some electors already: same ids, same content. */
    private void insertIgnoringExisting(List<Elector> electors) {
        try {
            mongo.bulkOps(org.springframework.data.mongodb.core.BulkOperations.BulkMode.UNORDERED, Elector.class)
                    .insert(electors).execute();
        } catch (org.springframework.data.mongodb.BulkOperationException e) {
            if (e.getErrors().stream().anyMatch(err -> err.getCode() != 11000)) {
                throw e;
            }
        } catch (MongoBulkWriteException e) {
            if (e.getWriteErrors().stream().anyMatch(err -> err.getCode() != 11000)) {
                throw e;
            }
        }
    }

    /** Records a vote: online by the owner, or offline (paper, door-to-door, on site) for an owner by staff. */
    String vote(Ballot ballot, String ownerId, Choice choice, String channel, String evidence, String recordedBy,
                boolean offline) {
        Instant now = clock.instant();
        if (ballot.getStatus() != BallotStatus.OPEN || !now.isBefore(ballot.getClosesAt())) {
            throw ProblemException.conflict("ballot.not-open", "The ballot is not open", ballot.getStatus())
                    .with("currentStatus", ballot.getStatus().name());
        }
        String receipt = receipt();
        Elector voted = mongo.findAndModify(
                new Query(Criteria.where("ballotId").is(ballot.getId()).and("ownerId").is(ownerId)
                        .and("choice").is(null).and("sealed").is(false)),
                new Update().set("choice", choice).set("channel", channel).set("evidence", evidence)
                        .set("recordedBy", recordedBy).set("receipt", receipt).set("votedAt", now),
                FindAndModifyOptions.options().returnNew(true), Elector.class);
        if (voted != null) {
            return receipt;
        }
        Elector elector = electorOf(ballot.getId(), ownerId);
        if (elector == null) {
            throw offline ? ProblemException.badRequest("ballot.owner-not-in-electorate",
                    "Owner " + ownerId + " is not in this ballot's electorate", ownerId)
                    : ProblemException.forbidden("ballot.not-in-electorate", "You are not in this ballot's electorate");
        }
        if (elector.choice() != null) {
            throw ProblemException.conflict("ballot.already-voted", "This owner has voted already");
        }
        throw ProblemException.conflict("ballot.not-open", "The ballot is not open", "CLOSED").with("currentStatus", "CLOSED");
    }

    Elector electorOf(String ballotId, String ownerId) {
        return mongo.findOne(new Query(Criteria.where("ballotId").is(ballotId).and("ownerId").is(ownerId)), Elector.class);
    }

    /** Live turnout: owners and area that voted so far (never their choices). */
    Count turnout(String ballotId) {
        var totals = mongo.getCollection("electors").aggregate(List.of(
                new org.bson.Document("$match", new org.bson.Document("ballotId", ballotId)
                        .append("choice", new org.bson.Document("$ne", null))),
                new org.bson.Document("$group", new org.bson.Document("_id", null)
                        .append("owners", new org.bson.Document("$sum", 1))
                        .append("area", new org.bson.Document("$sum", "$areaCents"))))).first();
        return totals == null ? Count.NONE : new Count(((Number) totals.get("owners")).longValue(),
                ((Number) totals.get("area")).longValue());
    }

    /** 24 hours before closing, the owners who have not voted are announced for reminders (once). */
    void remindIfDue(String ballotId) {
        Ballot ballot = mongo.findById(ballotId, Ballot.class);
        Instant now = clock.instant();
        if (ballot == null || ballot.getStatus() != BallotStatus.OPEN || ballot.getReminderSentAt() != null) {
            return;
        }
        Instant remindAt = ballot.getClosesAt().minus(Duration.ofHours(24));
        if (now.isBefore(remindAt) || !ballot.getOpenedAt().isBefore(remindAt)) {
            return;
        }
        List<String> notYet = new ArrayList<>();
        mongo.stream(new Query(Criteria.where("ballotId").is(ballotId).and("choice").is(null)), Elector.class)
                .forEach(e -> notYet.add(e.ownerId()));
        ballot.remind(notYet, now);
        if (saveIgnoringLostRace(ballot)) {
            log.info("Ballot {}: {} owners not voted yet announced for reminders", ballotId, notYet.size());
        }
    }

    /** Closes once: seal every elector (no vote after this), count, store the result with its event. */
    void closeIfDue(String ballotId) {
        Ballot ballot = mongo.findById(ballotId, Ballot.class);
        Instant now = clock.instant();
        if (ballot == null || ballot.getStatus() != BallotStatus.OPEN || now.isBefore(ballot.getClosesAt())) {
            return;
        }
        mongo.updateMulti(new Query(Criteria.where("ballotId").is(ballotId)), new Update().set("sealed", true), Elector.class);
        List<Tally.Counted> counted = new ArrayList<>();
        mongo.stream(new Query(Criteria.where("ballotId").is(ballotId)), Elector.class)
                .forEach(e -> counted.add(new Tally.Counted(e.areaCents(), e.choice())));
        TallyResult result = Tally.count(ballot.getRule(), counted);
        ballot.close(result, now);
        if (saveIgnoringLostRace(ballot)) {
            log.info("Ballot {} closed: {} ({} of {} owners took part)", ballotId, result.outcome(),
                    result.participating().owners(), result.electorate().owners());
        }
    }

    Ballot visible(String id, CurrentUser user) {
        Ballot ballot = mongo.findById(id, Ballot.class);
        if (ballot == null || !user.canSee(ballot.getCommunity())) {
            throw ProblemException.notFound("Ballot", id);
        }
        return ballot;
    }

    private boolean saveIgnoringLostRace(Ballot ballot) {
        try {
            mongo.save(ballot);
            return true;
        } catch (OptimisticLockingFailureException anotherInstanceWasFaster) {
            return false;
        }
    }

    private static String receipt() {
        byte[] bytes = new byte[10];
        RANDOM.nextBytes(bytes);
        return "R-" + HexFormat.of().withUpperCase().formatHex(bytes);
    }

    static ProblemException notClosed(BallotStatus status) {
        return new ProblemException(HttpStatus.CONFLICT, "conflict", "ballot.not-closed",
                "The result is known once the ballot is closed", status).with("currentStatus", status.name());
    }
}
