package org.shangliang.topics.topic;

import static org.shangliang.contracts.topic.TopicStatus.ACCEPTED;
import static org.shangliang.contracts.topic.TopicStatus.APPROVED;
import static org.shangliang.contracts.topic.TopicStatus.COMPLETED;
import static org.shangliang.contracts.topic.TopicStatus.IMPLEMENTING;
import static org.shangliang.contracts.topic.TopicStatus.IN_DELIBERATION;
import static org.shangliang.contracts.topic.TopicStatus.PROPOSED;
import static org.shangliang.contracts.topic.TopicStatus.REJECTED;
import static org.shangliang.contracts.topic.TopicStatus.VOTING;
import static org.shangliang.contracts.topic.TopicStatus.WITHDRAWN;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.shangliang.contracts.PlacePaths;
import org.shangliang.contracts.meeting.Outcome;
import org.shangliang.contracts.topic.Decision;
import org.shangliang.contracts.topic.DecisionSource;
import org.shangliang.contracts.topic.FollowUpRecorded;
import org.shangliang.contracts.topic.ProgressRecorded;
import org.shangliang.contracts.topic.TopicCategory;
import org.shangliang.contracts.topic.TopicCompleted;
import org.shangliang.contracts.topic.TopicFollowUpNeeded;
import org.shangliang.contracts.topic.TopicProposed;
import org.shangliang.contracts.topic.TopicRated;
import org.shangliang.contracts.topic.TopicStatus;
import org.shangliang.contracts.topic.TopicStatusChanged;
import org.shangliang.contracts.topic.TopicSupportWithdrawn;
import org.shangliang.contracts.topic.TopicSupported;
import org.shangliang.contracts.topic.TopicThresholdReached;
import org.shangliang.contracts.vote.BallotClosed;
import org.shangliang.platform.domain.Rejection;
import org.shangliang.platform.membership.MemberChanges;
import org.shangliang.platform.outbox.OutboxAggregate;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.CompoundIndexes;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A topic (议题) and its lifecycle: the one owner of its status machine (API.md, Topics). Every move
 * is published as {@code topic.status-changed} through the outbox, whatever caused it.
 */
@Document("topics")
@CompoundIndexes({
        @CompoundIndex(name = "community_created", def = "{'community': 1, 'createdAt': -1}"),
        @CompoundIndex(name = "community_status", def = "{'community': 1, 'status': 1}"),
        @CompoundIndex(name = "community_decision", def = "{'community': 1, 'decisionMillis': 1}"),
        @CompoundIndex(name = "community_terms", def = "{'community': 1, 'searchTerms': 1}"),
        @CompoundIndex(name = "community_scope", def = "{'community': 1, 'scope': 1}")})
public class Topic extends OutboxAggregate {

    /** The moves API.md allows; anything else is 409. */
    static final Map<TopicStatus, Set<TopicStatus>> MOVES = Map.of(
            PROPOSED, EnumSet.of(ACCEPTED, REJECTED, WITHDRAWN),
            ACCEPTED, EnumSet.of(IN_DELIBERATION),
            IN_DELIBERATION, EnumSet.of(VOTING, APPROVED, REJECTED, ACCEPTED),
            VOTING, EnumSet.of(APPROVED, REJECTED),
            APPROVED, EnumSet.of(IMPLEMENTING),
            IMPLEMENTING, EnumSet.of(COMPLETED),
            // only a vote without quorum is held again (a new ballot on the same proposal): see ballotOpened
            REJECTED, EnumSet.of(VOTING),
            WITHDRAWN, EnumSet.noneOf(TopicStatus.class),
            COMPLETED, EnumSet.noneOf(TopicStatus.class));

    /** Until it is decided a topic collects supports and opinions (意见征集). */
    static final Set<TopicStatus> UNDECIDED = EnumSet.of(PROPOSED, ACCEPTED, IN_DELIBERATION, VOTING);

    public record Review(String decision, String reason, String reviewerId, Instant reviewedAt) {
    }

    public record ProgressUpdate(int percent, String note, String recordedBy, Instant recordedAt) {
    }

    public record Rating(String residentId, int stars, String comment, Instant ratedAt) {
    }

    /** What the committee or staff did after residents rated a completed topic low (回头看). */
    public record FollowUp(String note, String recordedBy, Instant recordedAt) {
    }

    /** Residents are asked about a result; this few low ratings is noise, this many is a signal. */
    static final int FOLLOW_UP_AFTER_RATINGS = 5;
    static final BigDecimal FOLLOW_UP_BELOW_STARS = BigDecimal.valueOf(3);

    /** The turnout of the ballot that decided the topic; areas in hundredths of a m². */
    public record Turnout(long participatingOwners, long electorateOwners, long participatingAreaCents,
                          long electorateAreaCents) {
    }

    private String title;
    private String description;
    private TopicCategory category;
    private String scope;
    private String community;
    private TopicStatus status;
    private String proposerId;
    private String proposerName;
    private int supportCount;
    /**
     * Supports given or withdrawn, counted here and not yet written as the residents' own documents in
     * {@code supports} ({@link SupportStorage}): a handful at most, so the topic does not grow with its supporters.
     */
    private MemberChanges supportChanges = new MemberChanges();
    private int supportThreshold;
    private Instant thresholdReachedAt;
    private Review review;
    private Decision decision;
    private Long decisionMillis;
    private String meetingId;
    private String ballotId;
    private Turnout turnout;
    private int progressPercent;
    private List<ProgressUpdate> progressUpdates = new ArrayList<>();
    private List<Rating> ratings = new ArrayList<>();
    private int ratingSum;
    private int ratingCount;
    private Instant followUpNeededAt;
    private List<FollowUp> followUps = new ArrayList<>();
    private Instant createdAt;
    private Instant updatedAt;
    /** What the topic is found by (its title and description, see {@link SearchTerms}). */
    private List<String> searchTerms = new ArrayList<>();

    Topic() {
    }

    static Topic propose(String id, String title, String description, TopicCategory category, String scope,
                         String proposerId, String proposerName, int supportThreshold, Instant now) {
        Topic topic = new Topic();
        topic.id = id;
        topic.title = title;
        topic.description = description == null ? "" : description;
        topic.category = category;
        topic.scope = scope;
        topic.community = scope.split("/")[0];
        topic.status = PROPOSED;
        topic.proposerId = proposerId;
        topic.proposerName = proposerName;
        topic.supportCount = 1;
        topic.supportChanges.add(proposerId, true, now);
        topic.supportThreshold = supportThreshold;
        topic.createdAt = now;
        topic.updatedAt = now;
        topic.searchTerms = new ArrayList<>(SearchTerms.of(title, topic.description));
        topic.raise(new TopicProposed(id, topic.community, scope, title, category, proposerId, proposerName,
                supportThreshold, now));
        topic.checkThreshold(now);
        return topic;
    }

    // ---- requests ----

    /**
     * A resident supports the topic once. {@code stored} is what the resident's document in {@code supports}
     * says (false when there is none); a change not yet written there counts over it.
     */
    void support(String residentId, boolean stored, Instant now) {
        requireUndecided("support");
        if (supports(residentId, stored)) {
            throw TopicProblems.conflict("topic.already-supported", "You already support this topic");
        }
        supportChanges.add(residentId, true, now);
        supportCount++;
        updatedAt = now;
        raise(new TopicSupported(id, community, residentId, supportCount, now));
        checkThreshold(now);
    }

    void withdrawSupport(String residentId, boolean stored, Instant now) {
        requireUndecided("withdraw a support");
        if (residentId.equals(proposerId)) {
            throw TopicProblems.conflict("topic.proposer-support", "The proposer's support cannot be withdrawn");
        }
        if (!supports(residentId, stored)) {
            throw TopicProblems.conflict("topic.not-supported", "You do not support this topic");
        }
        supportChanges.add(residentId, false, now);
        supportCount--;
        updatedAt = now;
        raise(new TopicSupportWithdrawn(id, community, residentId, supportCount, now));
    }

    private void checkThreshold(Instant now) {
        if (thresholdReachedAt == null && supportCount >= supportThreshold) {
            thresholdReachedAt = now;
            raise(new TopicThresholdReached(id, community, scope, title, supportCount, supportThreshold, now));
        }
    }

    void withdraw(String userId, Instant now) {
        if (!userId.equals(proposerId)) {
            throw Rejection.notAllowed("topic.only-proposer",
                    "Only the proposer may withdraw the topic");
        }
        move(WITHDRAWN, "withdrawal", null, null, userId, now);
    }

    void review(boolean accept, String reason, String reviewerId, Instant now) {
        if (status != PROPOSED) {
            throw TopicProblems.wrongStatus(status, "review");
        }
        review = new Review(accept ? "ACCEPT" : "REJECT", reason, reviewerId, now);
        move(accept ? ACCEPTED : REJECTED, "review", reason,
                accept ? null : new Decision("REJECTED", DecisionSource.REVIEW, null, now), reviewerId, now);
    }

    void recordProgress(int percent, String note, String staffId, Instant now) {
        if (status != APPROVED && status != IMPLEMENTING) {
            throw TopicProblems.wrongStatus(status, "record progress");
        }
        if (percent < progressPercent) {
            throw TopicProblems.conflict("topic.progress-down", "Progress never goes down: it is " + progressPercent
                    + "% already", progressPercent).with("currentPercent", progressPercent);
        }
        if (status == APPROVED) {
            move(IMPLEMENTING, "progress", note, null, staffId, now);
        }
        progressPercent = percent;
        progressUpdates.add(new ProgressUpdate(percent, note, staffId, now));
        updatedAt = now;
        raise(new ProgressRecorded(id, community, percent, note, staffId, now));
    }

    void complete(String note, String staffId, Instant now) {
        move(COMPLETED, "completion", note, null, staffId, now);
        progressPercent = 100;
        progressUpdates.add(new ProgressUpdate(100, note, staffId, now));
        raise(new TopicCompleted(id, community, title, note, staffId, now));
    }

    /**
     * A resident whose home is inside the topic's scope rates the completed result once. An average
     * under 3 stars from at least 5 ratings asks the committee and staff to follow up (once).
     */
    void rate(String residentId, String home, int stars, String comment, Instant now) {
        if (status != COMPLETED) {
            throw TopicProblems.wrongStatus(status, "rate");
        }
        if (!concerns(home)) {
            throw Rejection.notAllowed("topic.rate-outside-scope", "Only residents living inside the topic's scope "
                    + scope + " rate its result", scope);
        }
        if (ratings.stream().anyMatch(r -> r.residentId().equals(residentId))) {
            throw TopicProblems.conflict("topic.already-rated", "You rated this topic already");
        }
        ratings.add(new Rating(residentId, stars, comment, now));
        ratingSum += stars;
        ratingCount++;
        updatedAt = now;
        raise(new TopicRated(id, community, stars, averageStars(), ratingCount, now));
        if (followUpNeededAt == null && ratingCount >= FOLLOW_UP_AFTER_RATINGS
                && averageStars().compareTo(FOLLOW_UP_BELOW_STARS) < 0) {
            followUpNeededAt = now;
            raise(new TopicFollowUpNeeded(id, community, title, averageStars(), ratingCount, now));
        }
    }

    /** Whether a home (a flat's place path) lies inside this topic's scope. */
    boolean concerns(String home) {
        return PlacePaths.within(home, scope);
    }

    /** The committee or staff record what they did to follow up a completed topic; it goes on the timeline. */
    void recordFollowUp(String note, String by, Instant now) {
        if (status != COMPLETED) {
            throw TopicProblems.wrongStatus(status, "follow-up");
        }
        if (followUps == null) {
            followUps = new ArrayList<>();
        }
        followUps.add(new FollowUp(note, by, now));
        updatedAt = now;
        raise(new FollowUpRecorded(id, community, title, note, by, now));
    }

    // ---- other services' events (already deduplicated by event id) ----

    void meetingScheduled(String meeting, String cause, Instant at) {
        if (status == ACCEPTED) {
            meetingId = meeting;
            move(IN_DELIBERATION, cause, null, null, "meeting-service", at);
        }
    }

    void meetingCancelled(String meeting, String reason, String cause, Instant at) {
        if (status == IN_DELIBERATION && meeting.equals(meetingId)) {
            meetingId = null;
            move(ACCEPTED, cause, reason, null, "meeting-service", at);
        }
    }

    void meetingConcluded(String meeting, Outcome outcome, String cause, Instant at) {
        if (status != IN_DELIBERATION || (meetingId != null && !meetingId.equals(meeting))) {
            return;
        }
        switch (outcome.resolution()) {
            case CONSENSUS -> move(APPROVED, cause, outcome.proposal(),
                    new Decision("APPROVED", DecisionSource.CONSENSUS, null, at), "meeting-service", at);
            case NOT_FEASIBLE -> move(REJECTED, cause, outcome.reason(),
                    new Decision("REJECTED", DecisionSource.CONSENSUS, null, at), "meeting-service", at);
            case FURTHER_STUDY -> {
                meetingId = null;
                move(ACCEPTED, cause, outcome.reason(), null, "meeting-service", at);
            }
            case PUT_TO_VOTE -> {
                // stays in deliberation until the vote-service opens the ballot
            }
        }
    }

    /** The ballot may overtake the meeting's events (another stream): take the intermediate step then. */
    void ballotOpened(String ballot, String meeting, String cause, Instant at) {
        if (status == ACCEPTED) {
            meetingId = meeting;
            move(IN_DELIBERATION, cause, null, null, "vote-service", at);
        }
        if (status == IN_DELIBERATION) {
            ballotId = ballot;
            move(VOTING, cause, null, null, "vote-service", at);
        } else if (status == REJECTED && decision != null && "NO_QUORUM".equals(decision.outcome())
                && !ballot.equals(ballotId)) {
            // too few owners took part: the committee put the same proposal to a new ballot
            ballotId = ballot;
            decision = null;
            decisionMillis = null;
            turnout = null;
            move(VOTING, cause, null, null, "vote-service", at);
        }
    }

    void ballotNotOpened(String meeting, String reason, String cause, Instant at) {
        if (status == IN_DELIBERATION && (meetingId == null || meetingId.equals(meeting))) {
            meetingId = null;
            move(ACCEPTED, cause, reason, null, "vote-service", at);
        }
    }

    void ballotClosed(BallotClosed closed, String cause, Instant at) {
        if (status == ACCEPTED || status == IN_DELIBERATION || status == REJECTED) {
            ballotOpened(closed.ballotId(), closed.meetingId(), cause, at);
        }
        if (status != VOTING || (ballotId != null && !ballotId.equals(closed.ballotId()))) {
            return;
        }
        turnout = new Turnout(closed.participating().owners(), closed.electorate().owners(),
                cents(closed.participating().area()), cents(closed.electorate().area()));
        String outcome = closed.outcome().name();
        move("APPROVED".equals(outcome) ? APPROVED : REJECTED, cause, null,
                new Decision(outcome, DecisionSource.VOTE, closed.ballotId(), at), "vote-service", at);
    }

    private static long cents(BigDecimal area) {
        return area == null ? 0 : area.movePointRight(2).setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    // ---- the machine ----

    private void move(TopicStatus to, String cause, String reason, Decision decided, String by, Instant at) {
        if (!MOVES.get(status).contains(to)) {
            throw TopicProblems.wrongMove(status, to);
        }
        TopicStatus from = status;
        status = to;
        updatedAt = at;
        if (decided != null) {
            decision = decided;
            decisionMillis = Duration.between(createdAt, decided.decidedAt()).toMillis();
        }
        raise(new TopicStatusChanged(id, community, scope, title, category, proposerId, from, to, cause, reason,
                decided, by, at));
    }

    private void requireUndecided(String action) {
        if (!UNDECIDED.contains(status)) {
            throw TopicProblems.wrongStatus(status, action);
        }
    }

    BigDecimal averageStars() {
        return ratingCount == 0 ? null
                : BigDecimal.valueOf(ratingSum).divide(BigDecimal.valueOf(ratingCount), 2, RoundingMode.HALF_UP);
    }

    /**
     * Whether a resident supports the topic, given what the resident's document in {@code supports} says:
     * the newest change not yet written there decides, if there is one.
     */
    boolean supports(String residentId, boolean stored) {
        return supportChanges.isMember(residentId, stored);
    }

    /** The support changes still to be written to the {@code supports} collection. */
    MemberChanges supportChanges() {
        return supportChanges;
    }

    public String getTitle() { return title; }
    public String getDescription() { return description; }
    public TopicCategory getCategory() { return category; }
    public String getScope() { return scope; }
    public String getCommunity() { return community; }
    public TopicStatus getStatus() { return status; }
    public String getProposerId() { return proposerId; }
    public String getProposerName() { return proposerName; }
    public int getSupportCount() { return supportCount; }
    public int getSupportThreshold() { return supportThreshold; }
    public Review getReview() { return review; }
    public Decision getDecision() { return decision; }
    public String getMeetingId() { return meetingId; }
    public String getBallotId() { return ballotId; }
    public int getProgressPercent() { return progressPercent; }
    public List<ProgressUpdate> getProgressUpdates() { return List.copyOf(progressUpdates); }
    public int getRatingCount() { return ratingCount; }
    public List<Rating> getRatings() { return ratings == null ? List.of() : List.copyOf(ratings); }
    public Instant getFollowUpNeededAt() { return followUpNeededAt; }
    public List<FollowUp> getFollowUps() { return followUps == null ? List.of() : List.copyOf(followUps); }
    public Instant getCreatedAt() { return createdAt; }
    public Instant getUpdatedAt() { return updatedAt; }

}
