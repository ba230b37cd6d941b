package org.shangliang.contracts.meeting;

/** An invited participant; {@code userId} is null for people without an account. */
public record Participant(String name, String userId, Affiliation affiliation) {
}
