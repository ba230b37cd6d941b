package org.shangliang.votes.ballot;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.shangliang.contracts.meeting.BallotRule;
import org.shangliang.contracts.meeting.CostShareSpec;
import org.shangliang.contracts.vote.BallotClosed;
import org.shangliang.contracts.vote.BallotExtended;
import org.shangliang.contracts.vote.BallotNotOpened;
import org.shangliang.contracts.vote.BallotOpened;
import org.shangliang.contracts.vote.BallotOutcome;
import org.shangliang.contracts.vote.BallotReminderDue;
import org.shangliang.contracts.vote.ElectoratePublished;
import org.shangliang.contracts.vote.Tally;
import org.shangliang.platform.domain.Rejection;
import org.shangliang.platform.outbox.OutboxAggregate;
import org.shangliang.votes.counting.Count;
import org.shangliang.votes.counting.TallyResult;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.CompoundIndexes;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * An owners' ballot (业主表决) on one topic, opened by a meeting's PUT_TO_VOTE resolution. Its rules:
 * SCHEDULED until {@code opensAt}, then OPEN with a frozen {@link Electorate} (or NOT_OPENED when
 * there is nobody to ask), votes only while OPEN and before {@code closesAt}, the closing time only
 * ever moved later while OPEN, reminders to non-voters 24 h before closing and on demand (at most
 * once an hour), CLOSED once with its tally. Every step raises its event in the same write. An
 * elevator proposal carries its cost table: the ballot opens only when the table places every
 * flat of the scope ({@link CostShare}), and the owners vote on the proposal with each flat's share.
 */
@Document("ballots")
@CompoundIndexes({
        @CompoundIndex(name = "status_opens", def = "{'status': 1, 'opensAt': 1}"),
        @CompoundIndex(name = "status_closes", def = "{'status': 1, 'closesAt': 1}"),
        @CompoundIndex(name = "community_topic", def = "{'community': 1, 'topicId': 1}")})
public class Ballot extends OutboxAggregate {

    static final int OWNERS_PER_EVENT = 1_000;
    static final Duration REMINDER_BEFORE_CLOSING = Duration.ofHours(24);
    static final Duration BETWEEN_REMINDERS = Duration.ofHours(1);
    static final Duration LONGEST = Duration.ofDays(366);

    private String topicId;
    private String meetingId;
    private String community;
    private String scope;
    private BallotRule rule;
    private String proposal;
    private CostShareSpec costTable;
    private List<CostShare.FloorRow> costShare;
    private Instant opensAt;
    private Instant closesAt;
    private BallotStatus status;
    private String notOpenedReason;
    private Count electorate;
    private Instant openedAt;
    private Instant reminderSentAt;
    private Instant lastReminderAt;
    private List<Extension> extensions = new ArrayList<>();
    private Instant closedAt;
    private TallyResult result;
    private int round = 1;
    private String rerunOf;
    /** What the ballot is about, as the meeting named the topic (null for ballots of before it was carried). */
    private String topicTitle;
    private String rerunBy;
    private Instant createdAt;

    Ballot() {
    }

    /** A new ballot; one whose closing time is not after its opening is NOT_OPENED at once. */
    static Ballot schedule(String id, String topicId, String meetingId, String community, String scope, BallotRule rule,
                           String proposal, Instant opensAt, Instant closesAt, Instant now) {
        return schedule(id, topicId, meetingId, community, scope, rule, proposal, null, opensAt, closesAt, now);
    }

    /** A new ballot on a proposal and, for an elevator, its cost table (the owners vote on both). */
    static Ballot schedule(String id, String topicId, String meetingId, String community, String scope, BallotRule rule,
                           String proposal, CostShareSpec costTable, Instant opensAt, Instant closesAt, Instant now) {
        Ballot b = new Ballot();
        b.costTable = costTable;
        b.id = id;
        b.topicId = topicId;
        b.meetingId = meetingId;
        b.community = community;
        b.scope = scope;
        b.rule = rule;
        b.proposal = proposal;
        b.opensAt = opensAt;
        b.closesAt = closesAt;
        b.status = BallotStatus.SCHEDULED;
        b.createdAt = now;
        if (closesAt == null || !closesAt.isAfter(opensAt)) {
            b.notOpened("CLOSES_BEFORE_OPENS", now);
        }
        return b;
    }

    boolean dueToOpen(Instant now) {
        return status == BallotStatus.SCHEDULED && !opensAt.isAfter(now);
    }

    /** Opens with the frozen electorate, published in parts of at most 1,000 owners; nobody to ask: NOT_OPENED. */
    void open(Electorate frozen, Instant now) {
        require(BallotStatus.SCHEDULED, "open");
        if (frozen.isEmpty()) {
            notOpened("NO_FLATS_IN_SCOPE", now);
            return;
        }
        if (costTable != null) {
            CostShare.Allocation shares = frozen.costShare();
            if (!shares.unplaced().isEmpty()) {
                notOpened("COST_SHARE_FLOORS_NOT_COVERED", now);
                return;
            }
            if (shares.nobodyPays()) {
                notOpened("COST_SHARE_NOBODY_PAYS", now);
                return;
            }
            costShare = shares.floors();
        }
        status = BallotStatus.OPEN;
        electorate = frozen.count();
        openedAt = now;
        List<String> ownerIds = frozen.ownerIds();
        int parts = parts(ownerIds.size());
        raise(new BallotOpened(id, topicId, meetingId, community, scope, rule, proposal, now, closesAt,
                tally(electorate), parts));
        for (int part = 0; part < parts; part++) {
            raise(new ElectoratePublished(id, topicId, community, part + 1, parts, slice(ownerIds, part)));
        }
    }

    void notOpened(String reason, Instant now) {
        require(BallotStatus.SCHEDULED, "open");
        status = BallotStatus.NOT_OPENED;
        notOpenedReason = reason;
        raise(new BallotNotOpened(topicId, meetingId, community, scope, reason, now));
    }

    /** A vote is taken only while the ballot is open and before its closing time. */
    void checkTakesVotes(Instant now) {
        BallotStatus shown = statusAt(now);
        if (shown != BallotStatus.OPEN) {
            throw Rejection.conflict("ballot.not-open", "The ballot is " + shown + "; votes are not taken",
                    statusLabel(shown)).with("currentStatus", shown.name());
        }
    }

    /** 24 hours before closing, once, unless the ballot was opened less than 24 hours before it closes. */
    boolean dueToRemind(Instant now) {
        if (status != BallotStatus.OPEN || reminderSentAt != null || !now.isBefore(closesAt)) {
            return false;
        }
        Instant remindAt = closesAt.minus(REMINDER_BEFORE_CLOSING);
        return !now.isBefore(remindAt) && openedAt.isBefore(remindAt);
    }

    void remind(List<String> notYetVoted, Count voted, Instant now) {
        reminderSentAt = now;
        lastReminderAt = now;
        announce(notYetVoted, voted);
    }

    /**
     * The committee or staff remind everyone who has not voted now, not only 24 h before closing; at
     * most once an hour, so owners are not flooded.
     */
    void remindNow(List<String> notYetVoted, Count voted, Instant now) {
        checkStillOpen(now, "remind");
        if (lastReminderAt != null && now.isBefore(lastReminderAt.plus(BETWEEN_REMINDERS))) {
            Instant next = lastReminderAt.plus(BETWEEN_REMINDERS);
            throw Rejection.conflict("ballot.reminded-recently", "Owners were reminded at " + lastReminderAt
                    + "; the next reminder can be sent at " + next, lastReminderAt, next).with("nextReminderAt", next);
        }
        if (notYetVoted.isEmpty()) {
            throw Rejection.conflict("ballot.everyone-voted", "Every owner has voted; there is nobody to remind");
        }
        lastReminderAt = now;
        announce(notYetVoted, voted);
    }

    /**
     * Moves the closing time later while the ballot is open, with a reason, for the record and for
     * every owner. Earlier is never allowed (owners planned on the announced time), nor beyond a year
     * after opening. The reminder before closing follows the new time.
     */
    void extend(Instant newClosesAt, String reason, String extendedBy, Instant now) {
        checkStillOpen(now, "extend");
        if (!newClosesAt.isAfter(closesAt)) {
            throw Rejection.invalid("ballot.extension-not-later", "The new closing time must be after the current one, "
                    + closesAt, closesAt).with("field", "closesAt");
        }
        if (newClosesAt.isAfter(openedAt.plus(LONGEST))) {
            throw Rejection.invalid("ballot.extension-too-long", "A ballot stays open at most 366 days after opening, "
                    + "until " + openedAt.plus(LONGEST), openedAt.plus(LONGEST)).with("field", "closesAt");
        }
        Instant previous = closesAt;
        closesAt = newClosesAt;
        if (extensions == null) {
            extensions = new ArrayList<>();
        }
        extensions.add(new Extension(previous, newClosesAt, reason, extendedBy, now));
        if (reminderSentAt != null && now.isBefore(newClosesAt.minus(REMINDER_BEFORE_CLOSING))) {
            reminderSentAt = null;
        }
        raise(new BallotExtended(id, topicId, community, previous, newClosesAt, reason, extendedBy, now));
    }

    boolean dueToClose(Instant now) {
        return status == BallotStatus.OPEN && !now.isBefore(closesAt);
    }

    void close(TallyResult tally, Instant now) {
        require(BallotStatus.OPEN, "close");
        if (now.isBefore(closesAt)) {
            throw Rejection.conflict("ballot.not-due", "The ballot closes at " + closesAt, closesAt)
                    .with("currentStatus", status.name());
        }
        status = BallotStatus.CLOSED;
        closedAt = now;
        result = tally;
        raise(new BallotClosed(id, topicId, meetingId, community, rule, tally.outcome(), tally.quorumMet(),
                tally(tally.electorate()), tally(tally.participating()), tally(tally.votedFor()),
                tally(tally.votedAgainst()), tally(tally.abstained()), now));
    }

    /**
     * Too few owners took part (NO_QUORUM): the committee puts the same proposal to a new ballot,
     * the next round, with the same scope and rule. Once per ballot; any other result is final.
     */
    /** Names the topic the ballot is about. */
    Ballot about(String title) {
        this.topicTitle = title;
        return this;
    }

    public String getTopicTitle() {
        return topicTitle;
    }

    Ballot rerun(String newId, Instant opensAt, Instant newClosesAt, Instant now) {
        if (status != BallotStatus.CLOSED || result == null || result.outcome() != BallotOutcome.NO_QUORUM) {
            throw Rejection.conflict("ballot.rerun-only-no-quorum", "Only a closed ballot without quorum is held again")
                    .with("currentStatus", status.name());
        }
        if (rerunBy != null) {
            throw Rejection.conflict("ballot.rerun-exists", "This ballot is held again already as " + rerunBy, rerunBy)
                    .with("rerunBy", rerunBy);
        }
        Instant opens = opensAt == null ? now : opensAt;
        if (!newClosesAt.isAfter(opens) || !newClosesAt.isAfter(now)) {
            throw Rejection.invalid("ballot.rerun-closes-too-early", "The new ballot must close after it opens and "
                    + "after now").with("field", "closesAt");
        }
        Ballot next = schedule(newId, topicId, meetingId, community, scope, rule, proposal, costTable, opens,
                newClosesAt, now);
        next.round = round + 1;
        next.topicTitle = topicTitle;
        next.rerunOf = id;
        rerunBy = newId;
        return next;
    }

    private void announce(List<String> notYetVoted, Count voted) {
        int parts = (notYetVoted.size() + OWNERS_PER_EVENT - 1) / OWNERS_PER_EVENT;
        for (int part = 0; part < parts; part++) {
            raise(new BallotReminderDue(id, topicId, community, closesAt, part + 1, parts, slice(notYetVoted, part),
                    tally(voted), tally(electorate)));
        }
    }

    /** The status as people see it at {@code now}: an open ballot past its closing time is closed to them. */
    private BallotStatus statusAt(Instant now) {
        return status == BallotStatus.OPEN && !now.isBefore(closesAt) ? BallotStatus.CLOSED : status;
    }

    /** Steps that change votes (contest, resolve) happen only while the ballot is open, as voting does. */
    void checkStillOpen(Instant now, String action) {
        BallotStatus shown = statusAt(now);
        if (shown != BallotStatus.OPEN) {
            throw cannot(shown, action);
        }
    }

    private void require(BallotStatus expected, String action) {
        if (status != expected) {
            throw cannot(status, action);
        }
    }

    private static Rejection cannot(BallotStatus shown, String action) {
        return Rejection.conflict("ballot.cannot", "A " + shown + " ballot cannot " + action, statusLabel(shown),
                Rejection.label("ballot.action." + action, action)).with("currentStatus", shown.name());
    }

    private static Rejection.Label statusLabel(BallotStatus status) {
        return Rejection.label("ballot.status." + status.name(), status);
    }

    private static int parts(int owners) {
        return Math.max(1, (owners + OWNERS_PER_EVENT - 1) / OWNERS_PER_EVENT);
    }

    private static List<String> slice(List<String> owners, int part) {
        return List.copyOf(owners.subList(Math.min(owners.size(), part * OWNERS_PER_EVENT),
                Math.min(owners.size(), (part + 1) * OWNERS_PER_EVENT)));
    }

    private static Tally tally(Count count) {
        return new Tally(count.owners(), count.area());
    }

    public String getTopicId() { return topicId; }
    public String getMeetingId() { return meetingId; }
    public String getCommunity() { return community; }
    public String getScope() { return scope; }
    public BallotRule getRule() { return rule; }
    public String getProposal() { return proposal; }
    public CostShareSpec getCostTable() { return costTable; }
    /** The cost table by floor once the ballot opened with it (each floor's flats and what one pays); null without. */
    public List<CostShare.FloorRow> getCostShare() { return costShare == null ? null : List.copyOf(costShare); }
    public Instant getOpensAt() { return opensAt; }
    public Instant getClosesAt() { return closesAt; }
    public BallotStatus getStatus() { return status; }
    public String getNotOpenedReason() { return notOpenedReason; }
    public Count getElectorate() { return electorate; }
    public Instant getOpenedAt() { return openedAt; }
    public Instant getReminderSentAt() { return reminderSentAt; }
    public Instant getLastReminderAt() { return lastReminderAt; }
    public List<Extension> getExtensions() { return extensions == null ? List.of() : List.copyOf(extensions); }
    public Instant getClosedAt() { return closedAt; }
    public TallyResult getResult() { return result; }
    public int getRound() { return round < 1 ? 1 : round; }
    public String getRerunOf() { return rerunOf; }
    public String getRerunBy() { return rerunBy; }
}
