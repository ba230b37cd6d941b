package org.shangliang.votes.ballot;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.shangliang.contracts.meeting.BallotSpec;
import org.shangliang.contracts.meeting.Outcome;
import org.shangliang.contracts.vote.OfflineVoteContestResolved;
import org.shangliang.contracts.vote.OfflineVoteContested;
import org.shangliang.contracts.vote.OfflineVoteRecorded;
import org.shangliang.platform.domain.Rejection;
import org.shangliang.platform.outbox.OutboxRelay;
import org.shangliang.platform.outbox.PendingEvent;
import org.shangliang.platform.security.CurrentUser;
import org.shangliang.platform.web.PageResponse;
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
import org.springframework.stereotype.Service;

/**
 * The ballot feature's use cases: schedule from a meeting, open with the frozen electorate, vote
 * online or record an offline vote, remind, extend, close and count. The rules are {@link Ballot}'s
 * and {@link Electorate}'s; where things are kept is {@link BallotStore}'s.
 */
@Service
public class Ballots {

    private static final Logger log = LoggerFactory.getLogger(Ballots.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    static final String ELECTORS = "electors";

    private final BallotStore store;
    private final Rolls rolls;
    private final Clock clock;
    private final OutboxRelay relay;
    private final LiveTurnouts turnouts;
    /** {@code shangliang_votes_accepted_total{channel}}: votes taken, by how they came. */
    private final Map<VoteChannel, Counter> votesAccepted = new EnumMap<>(VoteChannel.class);
    /** The ballots this instance is opening now. */
    private final Set<String> opening = ConcurrentHashMap.newKeySet();

    Ballots(BallotStore store, Rolls rolls, Clock clock, OutboxRelay relay, LiveTurnouts turnouts, MeterRegistry meters) {
        this.store = store;
        this.turnouts = turnouts;
        this.rolls = rolls;
        this.clock = clock;
        this.relay = relay;
        for (VoteChannel channel : VoteChannel.values()) {
            votesAccepted.put(channel, meters.counter("shangliang.votes.accepted", "channel", channel.name()));
        }
        // offline votes and contests queue their events in the elector's own document and relay them at
        // once; the sweep for what a crash left behind scans the (large) electors once a minute
        relay.watch(ELECTORS, Duration.ofMinutes(1));
    }

    /** The same meeting and topic always give the same ballot: a redelivered conclusion opens nothing twice. */
    static String idFor(String meetingId, String topicId) {
        return UUID.nameUUIDFromBytes(("ballot/" + meetingId + "/" + topicId).getBytes(StandardCharsets.UTF_8)).toString();
    }

    void schedule(String meetingId, String community, Outcome outcome, Instant concludedAt) {
        BallotSpec spec = outcome.ballot();
        Instant opensAt = spec.opensAt() != null ? spec.opensAt() : concludedAt;
        Ballot ballot = Ballot.schedule(idFor(meetingId, outcome.topicId()), outcome.topicId(), meetingId, community,
                outcome.scope(), spec.rule(), outcome.proposal(), outcome.costShare(), opensAt, spec.closesAt(),
                clock.instant()).about(outcome.topicTitle());
        if (!store.insert(ballot)) {
            return;
        }
        log.info("Ballot {} on topic {} scheduled: {} from {} to {}", ballot.getId(), outcome.topicId(), spec.rule(),
                opensAt, spec.closesAt());
        openIfDue(ballot.getId());
    }

    /** The id of a ballot's next round: the same for every attempt, so a retried request holds it once. */
    static String nextRoundId(Ballot ballot) {
        return UUID.nameUUIDFromBytes(("ballot/" + ballot.getMeetingId() + "/" + ballot.getTopicId() + "/round-"
                + (ballot.getRound() + 1)).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** Puts a NO_QUORUM ballot's proposal to a new ballot; it opens (with the current roll) when its time comes. */
    Ballot rerun(Ballot ballot, Instant opensAt, Instant closesAt, String by) {
        Ballot next = ballot.rerun(nextRoundId(ballot), opensAt, closesAt, clock.instant());
        if (!store.insert(next)) {
            throw Rejection.conflict("ballot.rerun-exists", "This ballot is held again already as " + next.getId(),
                    next.getId()).with("rerunBy", next.getId());
        }
        store.saveUnlessOvertaken(ballot);
        log.info("Ballot {} (no quorum) held again by {} as {}, round {}, closing {}", ballot.getId(), by, next.getId(),
                next.getRound(), closesAt);
        openIfDue(next.getId());
        return store.find(next.getId()).orElse(next);
    }

    /**
     * Freezes the electorate from the community's current roll and opens the ballot. The conclusion's
     * consumer and the ballot clock both open a due ballot; while one of them is opening it in this
     * instance, the other leaves it (reading and writing 50,000 electors twice at once doubled the
     * opening's time). Between instances the loser's save is refused as before.
     */
    void openIfDue(String ballotId) {
        if (!opening.add(ballotId)) {
            log.debug("Ballot {} is being opened already", ballotId);
            return;
        }
        try {
            open(ballotId);
        } finally {
            opening.remove(ballotId);
        }
    }

    private void open(String ballotId) {
        Ballot ballot = store.find(ballotId).orElse(null);
        Instant now = clock.instant();
        if (ballot == null || !ballot.dueToOpen(now)) {
            return;
        }
        Roll roll = rolls.current(ballot.getCommunity()).orElse(null);
        long started = System.nanoTime();
        long read = started;
        long written = started;
        if (roll == null) {
            ballot.notOpened("NO_ROLL", now);
        } else {
            List<RollFlat> inScope = new ArrayList<>();
            rolls.flatsWithin(roll, ballot.getScope(), inScope::add);
            read = System.nanoTime();
            Electorate electorate = Electorate.freeze(ballotId, inScope, ballot.getCostTable());
            ballot.open(electorate, now);
            if (ballot.getStatus() == BallotStatus.OPEN) {
                store.insertElectors(electorate.electors());
            }
            written = System.nanoTime();
        }
        if (store.saveUnlessOvertaken(ballot)) {
            if (ballot.getStatus() == BallotStatus.OPEN) {
                turnouts.opened(ballotId);
                log.info("Ballot {} opened: {} owners, {} m² (roll's flats read in {} ms, electors written in {} ms, "
                                + "ballot saved in {} ms)", ballotId, ballot.getElectorate().owners(),
                        ballot.getElectorate().area(), (read - started) / 1_000_000, (written - read) / 1_000_000,
                        (System.nanoTime() - written) / 1_000_000);
            } else {
                log.warn("Ballot {} not opened: {}", ballotId, ballot.getNotOpenedReason());
            }
        }
    }

    /** The owner's own vote, online: one conditional write when it is taken. */
    String voteOnline(Ballot ballot, String ownerId, Choice choice) {
        ballot.checkTakesVotes(clock.instant());
        Voter owner = new Voter.Owner(ownerId);
        String receipt = receipt();
        if (store.recordOnlineVote(ballot.getId(), ownerId, choice, receipt, clock.instant()).isEmpty()) {
            throw whyNotRecorded(ballot, owner, Rejection.notAllowed("ballot.not-in-electorate",
                    "You are not in this ballot's electorate"));
        }
        accepted(VoteChannel.ONLINE);
        return receipt;
    }

    private void accepted(VoteChannel channel) {
        votesAccepted.get(channel).increment();
    }

    /** A paper, door-to-door or on-site vote the committee or staff enter for a holder of the electorate. */
    Elector voteOffline(Ballot ballot, Voter voter, Choice choice, VoteChannel channel, String evidence,
                        String recordedBy) {
        if (!channel.offline()) {
            throw Rejection.invalid("ballot.channel-not-offline", "An offline vote comes on PAPER, DOOR_TO_DOOR or ON_SITE")
                    .with("field", "channel");
        }
        Instant now = clock.instant();
        ballot.checkTakesVotes(now);
        Elector elector = store.elector(ballot.getId(), voter).orElseThrow(() -> notInElectorate(voter));
        PendingEvent notice = PendingEvent.of(new OfflineVoteRecorded(ballot.getId(), ballot.getTopicId(),
                ballot.getCommunity(), elector.holder(), elector.ownerId(), elector.flats(), channel.name(), evidence,
                recordedBy, now), now);
        Elector recorded = store.recordOfflineVote(elector, choice, channel, evidence, recordedBy, receipt(), now, notice)
                .orElseThrow(() -> whyNotRecorded(ballot, voter, notInElectorate(voter)));
        relay.relaySoon(ELECTORS, recorded.id());
        accepted(channel);
        log.info("Ballot {}: {} vote for holder {} recorded by {}", ballot.getId(), channel, elector.holder(), recordedBy);
        return recorded;
    }

    /**
     * The owner contests a vote the committee or staff recorded for her, while the ballot is open;
     * the committee is told. Once per recorded vote.
     */
    Elector contest(Ballot ballot, String ownerId, String reason) {
        Instant now = clock.instant();
        ballot.checkStillOpen(now, "contest");
        Elector mine = store.elector(ballot.getId(), new Voter.Owner(ownerId)).orElseThrow(() ->
                Rejection.notAllowed("ballot.not-in-electorate", "You are not in this ballot's electorate"));
        mine.checkContestable();
        PendingEvent notice = PendingEvent.of(new OfflineVoteContested(ballot.getId(), ballot.getTopicId(),
                ballot.getCommunity(), mine.holder(), mine.ownerId(), reason, now), now);
        Elector contested = store.contest(mine, Contest.pending(reason, now), notice)
                .orElseThrow(() -> Rejection.conflict("ballot.contest.changed", "The vote changed meanwhile; "
                        + "read it again"));
        relay.relaySoon(ELECTORS, contested.id());
        log.info("Ballot {}: holder {} contests the {} vote recorded by {}", ballot.getId(), mine.holder(),
                mine.channel(), mine.recordedBy());
        return contested;
    }

    /**
     * The committee resolves a pending contest while the ballot is open: VOID removes the vote (kept
     * in the audit) so the owner may vote again; UPHOLD keeps it. The owner is told either way.
     */
    Elector resolveContest(Ballot ballot, String holder, Contest.Decision decision, String reason, String by) {
        Instant now = clock.instant();
        ballot.checkStillOpen(now, "resolve-contest");
        Elector contested = store.elector(ballot.getId(), new Voter.Holder(holder)).orElseThrow(() ->
                notInElectorate(new Voter.Holder(holder)));
        contested.checkResolvable();
        String outcome = decision == Contest.Decision.VOID ? Contest.Status.VOIDED.name() : Contest.Status.UPHELD.name();
        PendingEvent notice = PendingEvent.of(new OfflineVoteContestResolved(ballot.getId(), ballot.getTopicId(),
                ballot.getCommunity(), contested.holder(), contested.ownerId(), outcome, reason, by, now), now);
        Elector resolved = (decision == Contest.Decision.VOID
                ? store.voidVote(contested, contested.voidedBy(by, reason, now), notice)
                : store.uphold(contested, contested.contest().upheld(by, reason, now), notice))
                .orElseThrow(() -> Rejection.conflict("ballot.contest.none-pending", "Holder " + holder
                        + " has no pending contest", holder).with("holder", holder));
        relay.relaySoon(ELECTORS, resolved.id());
        log.info("Ballot {}: contest of holder {} {} by {}: {}", ballot.getId(), holder, outcome, by, reason);
        return resolved;
    }

    List<Elector> offlineRecords(String ballotId) {
        return store.offlineRecords(ballotId);
    }

    /** Why the conditional write matched nothing: not in the electorate, voted already, or sealed by closing. */
    private Rejection whyNotRecorded(Ballot ballot, Voter voter, Rejection outsider) {
        Elector elector = store.elector(ballot.getId(), voter).orElse(null);
        if (elector == null) {
            return outsider;
        }
        if (elector.voted()) {
            return Rejection.conflict("ballot.already-voted", "This owner has voted already")
                    .with("holder", elector.holder());
        }
        return Rejection.conflict("ballot.not-open", "The ballot is CLOSED; votes are not taken",
                Rejection.label("ballot.status.CLOSED", "CLOSED")).with("currentStatus", "CLOSED");
    }

    private static Rejection notInElectorate(Voter voter) {
        if (voter instanceof Voter.Flat f) {
            return Rejection.invalid("ballot.flat-not-in-electorate",
                    "Flat " + f.flat() + " is not in this ballot's electorate", f.flat()).with("field", "flat");
        }
        if (voter instanceof Voter.Holder h) {
            return Rejection.invalid("ballot.holder-not-in-electorate",
                    "Holder " + h.holder() + " is not in this ballot's electorate", h.holder()).with("field", "holder");
        }
        String ownerId = ((Voter.Owner) voter).ownerId();
        return Rejection.invalid("ballot.owner-not-in-electorate",
                "Owner " + ownerId + " is not in this ballot's electorate", ownerId).with("field", "ownerId");
    }

    /** An open ballot's live turnout, at most {@code shangliang.votes.turnout-kept} old. */
    Count turnout(String ballotId) {
        return turnouts.of(ballotId);
    }

    /**
     * A page of ballots with what their views need, read in three queries whatever the page's size:
     * the ballots, the live turnout of the open ones, and the caller's own electors.
     */
    record Listed(PageResponse<Ballot> page, Map<String, Count> turnouts, Map<String, Elector> mine) {
    }

    Listed list(CurrentUser user, String topicId, BallotStatus status, int page, int size) {
        PageResponse<Ballot> found = store.page(user, topicId, status, page, size);
        List<String> open = found.items().stream().filter(b -> b.getStatus() == BallotStatus.OPEN).map(Ballot::getId).toList();
        List<String> started = found.items().stream()
                .filter(b -> b.getStatus() == BallotStatus.OPEN || b.getStatus() == BallotStatus.CLOSED)
                .map(Ballot::getId).toList();
        return new Listed(found, turnouts.of(open), store.electorsOf(started, user.id()));
    }

    void electorsWithin(String ballotId, String place, Consumer<Elector> each) {
        store.electorsWithin(ballotId, place, each);
    }

    Elector electorOf(String ballotId, String ownerId) {
        return store.elector(ballotId, new Voter.Owner(ownerId)).orElse(null);
    }

    /** 24 hours before closing, the owners who have not voted are announced for reminders (once). */
    void remindIfDue(String ballotId) {
        Ballot ballot = store.find(ballotId).orElse(null);
        Instant now = clock.instant();
        if (ballot == null || !ballot.dueToRemind(now)) {
            return;
        }
        List<String> notYet = store.notYetVoted(ballotId);
        ballot.remind(notYet, store.turnout(ballotId), now);
        if (store.saveUnlessOvertaken(ballot)) {
            log.info("Ballot {}: {} owners not voted yet announced for reminders", ballotId, notYet.size());
        }
    }

    /** Reminds everyone who has not voted yet, now; returns how many. */
    int remindNow(Ballot ballot, String by) {
        List<String> notYet = store.notYetVoted(ballot.getId());
        ballot.remindNow(notYet, store.turnout(ballot.getId()), clock.instant());
        store.save(ballot);
        log.info("Ballot {}: {} reminded {} owners who have not voted yet", ballot.getId(), by, notYet.size());
        return notYet.size();
    }

    void extend(Ballot ballot, Instant closesAt, String reason, String by) {
        Instant previous = ballot.getClosesAt();
        ballot.extend(closesAt, reason, by, clock.instant());
        store.save(ballot);
        log.info("Ballot {} extended by {} from {} to {}: {}", ballot.getId(), by, previous, closesAt, reason);
    }

    /** Closes once: seal every elector (no vote after this), count, store the result with its event. */
    void closeIfDue(String ballotId) {
        Ballot ballot = store.find(ballotId).orElse(null);
        Instant now = clock.instant();
        if (ballot == null || !ballot.dueToClose(now)) {
            return;
        }
        long started = System.nanoTime();
        TallyResult result = Tally.countGroups(ballot.getRule(), store.sealAndCount(ballotId));
        ballot.close(result, now);
        if (store.saveUnlessOvertaken(ballot)) {
            log.info("Ballot {} closed: {} ({} of {} owners took part; sealed and counted in {} ms)", ballotId,
                    result.outcome(), result.participating().owners(), result.electorate().owners(),
                    (System.nanoTime() - started) / 1_000_000);
        }
    }

    Ballot visible(String id, CurrentUser user) {
        Ballot ballot = store.find(id).orElse(null);
        if (ballot == null || !user.canSee(ballot.getCommunity())) {
            throw ProblemException.notFound("Ballot", id);
        }
        return ballot;
    }

    private static String receipt() {
        byte[] bytes = new byte[10];
        RANDOM.nextBytes(bytes);
        return "R-" + HexFormat.of().withUpperCase().formatHex(bytes);
    }
}
