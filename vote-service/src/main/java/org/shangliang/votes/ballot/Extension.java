package org.shangliang.votes.ballot;

import java.time.Instant;

/** One move of an open ballot's closing time, kept on the ballot for the record. */
public record Extension(Instant previousClosesAt, Instant closesAt, String reason, String extendedBy, Instant at) {
}
