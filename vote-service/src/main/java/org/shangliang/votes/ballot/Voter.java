package org.shangliang.votes.ballot;

/**
 * Whose vote an offline record is: the roll is the electorate, not the user list, so a grid worker
 * names the flat she stands at, or the registered holder, or (when the owner has an account) the
 * owner's id. Exactly one holder of the frozen electorate answers to each.
 */
public sealed interface Voter {

    /** The owner's user id as in the roll. */
    record Owner(String ownerId) implements Voter {
    }

    /** A flat's place path; its holder votes for all of the holder's flats. */
    record Flat(String flat) implements Voter {
    }

    /** The registered holder's name exactly as in the roll. */
    record Holder(String holder) implements Voter {
    }
}
