package org.shangliang.platform.membership;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The joins and leaves of a crowd (a topic's supporters, a meeting's registrants) that an aggregate has
 * counted and not yet handed to its {@link Memberships}, kept in the aggregate's own document so that
 * counting a member and raising its events is one atomic save. Each change is numbered in the order the
 * aggregate took it; once written as the member's own document it leaves the aggregate again, so the
 * aggregate does not grow with its crowd. Plain domain state: no MongoDB here.
 */
public final class MemberChanges {

    /** One member joining ({@code member} true) or leaving, the {@code seq}-th change of this aggregate. */
    public record Change(long seq, String memberId, boolean member, Instant at) {
    }

    private long seq;
    private List<Change> pending = new ArrayList<>();

    /** Records a join or a leave and answers it. */
    public Change add(String memberId, boolean member, Instant at) {
        Change change = new Change(++seq, memberId, member, at);
        pending.add(change);
        return change;
    }

    /**
     * Whether someone is a member, given what the member's own document says ({@code stored}; false when
     * there is none): the newest change not yet written there decides, if there is one.
     */
    public boolean isMember(String memberId, boolean stored) {
        for (int i = pending.size() - 1; i >= 0; i--) {
            if (pending.get(i).memberId().equals(memberId)) {
                return pending.get(i).member();
            }
        }
        return stored;
    }

    /** The changes still to be written as members' documents, oldest first. */
    public List<Change> pending() {
        return pending == null ? List.of() : List.copyOf(pending);
    }
}
