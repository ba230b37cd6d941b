package org.shangliang.votes.ballot;

import java.time.Instant;
import java.util.List;

import org.shangliang.contracts.meeting.BallotRule;
import org.shangliang.contracts.vote.BallotClosed;
import org.shangliang.contracts.vote.BallotNotOpened;
import org.shangliang.contracts.vote.BallotOpened;
import org.shangliang.contracts.vote.BallotReminderDue;
import org.shangliang.contracts.vote.ElectoratePublished;
import org.shangliang.contracts.vote.Tally;
import org.shangliang.platform.outbox.OutboxAggregate;
import org.shangliang.votes.counting.Count;
import org.shangliang.votes.counting.TallyResult;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.CompoundIndexes;
import org.springframework.data.mongodb.core.mapping.Document;

/** An owners' ballot (业主表决) on one topic, opened by a meeting's PUT_TO_VOTE resolution. */
@Document("ballots")
@CompoundIndexes({
        @CompoundIndex(name = "status_opens", def = "{'status': 1, 'opensAt': 1}"),
        @CompoundIndex(name = "status_closes", def = "{'status': 1, 'closesAt': 1}"),
        @CompoundIndex(name = "community_topic", def = "{'community': 1, 'topicId': 1}")})
public class Ballot extends OutboxAggregate {

    static final int OWNERS_PER_EVENT = 1_000;

    private String topicId;
    private String meetingId;
    private String community;
    private String scope;
    private BallotRule rule;
    private String proposal;
    private Instant opensAt;
    private Instant closesAt;
    private BallotStatus status;
    private String notOpenedReason;
    private Count electorate;
    private Instant openedAt;
    private Instant reminderSentAt;
    private Instant closedAt;
    private TallyResult result;
    private Instant createdAt;

    Ballot() {
    }

    static Ballot schedule(String id, String topicId, String meetingId, String community, String scope, BallotRule rule,
                           String proposal, Instant opensAt, Instant closesAt, Instant now) {
        Ballot b = new Ballot();
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
        return b;
    }

    void open(Count frozen, List<String> ownerIds, Instant now) {
        status = BallotStatus.OPEN;
        electorate = frozen;
        openedAt = now;
        int parts = Math.max(1, (ownerIds.size() + OWNERS_PER_EVENT - 1) / OWNERS_PER_EVENT);
        raise(new BallotOpened(id, topicId, meetingId, community, scope, rule, proposal, now, closesAt, tally(frozen), parts));
        for (int part = 0; part < parts; part++) {
            raise(new ElectoratePublished(id, topicId, community, part + 1, parts, List.copyOf(ownerIds.subList(
                    part * OWNERS_PER_EVENT, Math.min(ownerIds.size(), (part + 1) * OWNERS_PER_EVENT)))));
        }
    }

    void notOpened(String reason, Instant now) {
        status = BallotStatus.NOT_OPENED;
        notOpenedReason = reason;
        raise(new BallotNotOpened(topicId, meetingId, community, scope, reason, now));
    }

    void remind(List<String> notYetVoted, Instant now) {
        reminderSentAt = now;
        int parts = (notYetVoted.size() + OWNERS_PER_EVENT - 1) / OWNERS_PER_EVENT;
        for (int part = 0; part < parts; part++) {
            raise(new BallotReminderDue(id, topicId, community, closesAt, part + 1, parts, List.copyOf(notYetVoted.subList(
                    part * OWNERS_PER_EVENT, Math.min(notYetVoted.size(), (part + 1) * OWNERS_PER_EVENT)))));
        }
    }

    void close(TallyResult tally, Instant now) {
        status = BallotStatus.CLOSED;
        closedAt = now;
        result = tally;
        raise(new BallotClosed(id, topicId, meetingId, community, rule, tally.outcome(), tally.quorumMet(),
                tally(tally.electorate()), tally(tally.participating()), tally(tally.votedFor()),
                tally(tally.votedAgainst()), tally(tally.abstained()), now));
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
    public Instant getOpensAt() { return opensAt; }
    public Instant getClosesAt() { return closesAt; }
    public BallotStatus getStatus() { return status; }
    public String getNotOpenedReason() { return notOpenedReason; }
    public Count getElectorate() { return electorate; }
    public Instant getOpenedAt() { return openedAt; }
    public Instant getReminderSentAt() { return reminderSentAt; }
    public Instant getClosedAt() { return closedAt; }
    public TallyResult getResult() { return result; }
}
