package org.shangliang.votes.ballot;

import java.time.Instant;
import java.util.List;

import org.shangliang.platform.domain.Rejection;
import org.shangliang.votes.counting.Choice;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.CompoundIndexes;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One holder of a ballot's frozen electorate and its vote. A vote is one atomic conditional update
 * of this document ("no vote yet, not sealed"), so a holder votes once however many requests race;
 * closing first seals every elector whose vote could still change (none yet, or one entered offline and
 * so open to a contest), so no vote can land or be voided after it was counted. {@code shares} are
 * the holder's flats' shares of an elevator's cost in fen, in the order of {@code flats}.
 */
@Document("electors")
@CompoundIndexes({
        @CompoundIndex(name = "ballot_owner", def = "{'ballotId': 1, 'ownerId': 1}", unique = true),
        @CompoundIndex(name = "ballot_flats", def = "{'ballotId': 1, 'flats': 1}")})
public record Elector(@Id String id, String ballotId, String holder, String ownerId, String ownerName, long areaCents,
                      List<String> flats, Choice choice, VoteChannel channel, String evidence, String recordedBy,
                      String receipt, Instant votedAt, boolean sealed, List<Long> shares, Contest contest,
                      List<VoidedVote> voided) {

    static Elector notYetVoted(String ballotId, String holder, String ownerId, String ownerName, long areaCents,
                               List<String> flats, List<Long> shares) {
        return new Elector(ballotId + "/" + holder, ballotId, holder, ownerId, ownerName, areaCents, List.copyOf(flats),
                null, null, null, null, null, null, false, shares == null ? null : List.copyOf(shares), null, null);
    }

    /**
     * The owner may contest a vote only when the committee or staff recorded it for her (not her own
     * online vote), once per recorded vote.
     */
    void checkContestable() {
        if (!voted()) {
            throw Rejection.conflict("ballot.contest.no-vote", "No vote is recorded for you; vote yourself");
        }
        if (channel == null || !channel.offline()) {
            throw Rejection.conflict("ballot.contest.own-vote", "This is your own online vote; it cannot be contested");
        }
        if (contest != null) {
            throw Rejection.conflict("ballot.contest.twice", "You contested this vote already").with("contest",
                    contest.status().name());
        }
    }

    /** The committee resolves a contest that is still pending. */
    void checkResolvable() {
        if (contest == null || contest.status() != Contest.Status.PENDING) {
            throw Rejection.conflict("ballot.contest.none-pending", "Holder " + holder + " has no pending contest", holder)
                    .with("holder", holder);
        }
    }

    /** The audit entry of this vote when the committee voids it. */
    VoidedVote voidedBy(String by, String reason, Instant at) {
        return new VoidedVote(channel, evidence, recordedBy, votedAt, contest.reason(), contest.contestedAt(), by, reason,
                at);
    }

    public List<VoidedVote> voidedVotes() {
        return voided == null ? List.of() : voided;
    }

    /** The share of the elevator's cost of one of this holder's flats, in fen; null when the ballot has no cost table. */
    Long shareOf(String flat) {
        int at = flats.indexOf(flat);
        return shares == null || at < 0 || at >= shares.size() ? null : shares.get(at);
    }

    boolean voted() {
        return choice != null;
    }
}
