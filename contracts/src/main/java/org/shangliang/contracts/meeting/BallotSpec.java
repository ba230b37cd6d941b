package org.shangliang.contracts.meeting;

import java.time.Instant;

/** The ballot a {@code PUT_TO_VOTE} outcome asks for; {@code opensAt} null means at once. */
public record BallotSpec(BallotRule rule, Instant opensAt, Instant closesAt) {
}
