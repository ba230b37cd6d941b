package org.shangliang.votes.ballot;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.shangliang.contracts.meeting.CostShareSpec;
import org.shangliang.votes.counting.Count;
import org.shangliang.votes.roll.RollFlat;

/**
 * The rule that freezes a ballot's electorate (《民法典》第二百七十八条: owners and their exclusive
 * area): the flats of the community's current roll inside the topic's scope, grouped by registered
 * holder. A holder of several flats is one owner with their summed area and votes once for all of
 * them, through the owner id of the holder's first flat. Later roll uploads never change it.
 */
public final class Electorate {

    private final List<Elector> electors;
    private final Count count;
    private final CostShare.Allocation costShare;

    private Electorate(List<Elector> electors, Count count, CostShare.Allocation costShare) {
        this.electors = electors;
        this.count = count;
        this.costShare = costShare;
    }

    /** Freezes the electorate of one ballot from the roll's flats within its scope, in roll order. */
    public static Electorate freeze(String ballotId, Iterable<RollFlat> flatsInScope) {
        return freeze(ballotId, flatsInScope, null);
    }

    /**
     * Freezes the electorate and, for an elevator proposal with its cost table, each flat's share
     * ({@link CostShare}); every holder carries the shares of their flats.
     */
    public static Electorate freeze(String ballotId, Iterable<RollFlat> flatsInScope, CostShareSpec costTable) {
        Map<String, List<RollFlat>> byHolder = new LinkedHashMap<>();
        List<String> flatPaths = new ArrayList<>();
        for (RollFlat flat : flatsInScope) {
            byHolder.computeIfAbsent(flat.holder(), h -> new ArrayList<>()).add(flat);
            flatPaths.add(flat.flat());
        }
        CostShare.Allocation shares = costTable == null ? null : CostShare.allocate(costTable, flatPaths);
        List<Elector> electors = new ArrayList<>(byHolder.size());
        Count count = Count.NONE;
        for (var holding : byHolder.entrySet()) {
            List<RollFlat> flats = holding.getValue();
            long area = flats.stream().mapToLong(RollFlat::areaCents).sum();
            RollFlat first = flats.get(0);
            List<Long> flatShares = shares == null || !shares.shared() ? null
                    : flats.stream().map(f -> shares.centsByFlat().get(f.flat())).toList();
            electors.add(Elector.notYetVoted(ballotId, holding.getKey(), first.ownerId(), first.ownerName(), area,
                    flats.stream().map(RollFlat::flat).toList(), flatShares));
            count = count.plus(area);
        }
        return new Electorate(List.copyOf(electors), count, shares);
    }

    /** Each flat's share of the cost, when the ballot votes on a cost table; null otherwise. */
    public CostShare.Allocation costShare() {
        return costShare;
    }

    public boolean isEmpty() {
        return electors.isEmpty();
    }

    public List<Elector> electors() {
        return electors;
    }

    /** Owners (holders) and their exclusive area: the denominators of the tally. */
    public Count count() {
        return count;
    }

    public List<String> ownerIds() {
        return electors.stream().map(Elector::ownerId).toList();
    }
}
