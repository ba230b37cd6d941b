package org.shangliang.votes.ballot;

import java.time.Instant;

/**
 * The audit of an offline vote the committee voided after its owner contested it: who entered it,
 * how, on what evidence and when; the owner's reason; who voided it, why and when. The voided
 * choice itself is not kept: it no longer counts and nobody needs to read it.
 */
public record VoidedVote(VoteChannel channel, String evidence, String recordedBy, Instant votedAt, String contestReason,
                         Instant contestedAt, String voidedBy, String reason, Instant voidedAt) {
}
