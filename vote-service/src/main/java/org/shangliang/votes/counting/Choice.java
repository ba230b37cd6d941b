package org.shangliang.votes.counting;

/** An owner's choice; ABSTAIN participates without agreeing. */
public enum Choice {
    FOR, AGAINST, ABSTAIN
}
