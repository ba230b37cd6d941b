package org.shangliang.votes.ballot;

/** How a vote reached the ballot: by the owner online, or recorded by the committee or staff with evidence. */
public enum VoteChannel {
    ONLINE, PAPER, DOOR_TO_DOOR, ON_SITE;

    public boolean offline() {
        return this != ONLINE;
    }
}
