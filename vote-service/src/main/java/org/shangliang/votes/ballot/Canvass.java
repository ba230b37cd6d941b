package org.shangliang.votes.ballot;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.swagger.v3.oas.annotations.media.Schema;
import org.shangliang.contracts.PlacePaths;
import org.shangliang.platform.domain.Rejection;

/**
 * The door-to-door view of a ballot's electorate within a place: buildings, their entrances and
 * flats, each flat with its holder and whether that holder has voted (and by which channel), never
 * how. A holder of several flats appears at each of them; the owner counts count each holder once.
 * Flats are listed only for a building or smaller, so a community-wide answer stays small.
 */
final class Canvass {

    /** community/estate/building: from this depth on, flats are listed. */
    private static final int BUILDING_DEPTH = 3;
    private static final Comparator<String> PLACE_ORDER = Canvass::comparePlaces;

    /** {@code share} is the flat's share of an elevator's cost (yuan) when the ballot votes on a cost table. */
    record Flat(String flat, String holder, boolean voted, VoteChannel channel, BigDecimal share) {
    }

    record Entrance(String place, int flatCount, int votedCount, List<Flat> flats) {
    }

    record Building(String place, int flatCount, int votedCount, List<Entrance> entrances) {
    }

    record Totals(long owners, long voted, long notYet, Map<VoteChannel, Long> byChannel) {
    }

    @Schema(name = "Canvass")
    record View(String ballotId, BallotStatus status, String within, Totals owners, boolean flatsListed,
                List<Building> buildings) {
    }

    private final String within;
    private final boolean listFlats;
    private final Map<String, Map<String, List<Flat>>> flatsByBuildingAndEntrance = new TreeMap<>(PLACE_ORDER);
    private final Map<VoteChannel, Long> byChannel = new EnumMap<>(VoteChannel.class);
    private long owners;
    private long voted;

    private Canvass(String within) {
        this.within = within;
        this.listFlats = within.split("/").length >= BUILDING_DEPTH;
        for (VoteChannel channel : VoteChannel.values()) {
            byChannel.put(channel, 0L);
        }
    }

    /** A canvass of a place inside the ballot's scope (the scope itself, a building, an entrance). */
    static Canvass within(String scope, String place) {
        if (!PlacePaths.within(place, scope)) {
            throw Rejection.invalid("ballot.place-outside-scope", "The place " + place + " is not inside the ballot's "
                    + "scope " + scope, place, scope).with("field", "within");
        }
        return new Canvass(place);
    }

    /** Adds one holder: each of their flats inside the place, and the holder once to the counts. */
    void add(Elector elector) {
        boolean hasVoted = elector.votedAt() != null;
        owners++;
        if (hasVoted) {
            voted++;
            byChannel.merge(elector.channel() == null ? VoteChannel.ONLINE : elector.channel(), 1L, Long::sum);
        }
        for (String flat : elector.flats()) {
            if (!PlacePaths.within(flat, within)) {
                continue;
            }
            String[] path = flat.split("/");
            String building = String.join("/", List.of(path).subList(0, 3));
            String entrance = String.join("/", List.of(path).subList(0, 4));
            flatsByBuildingAndEntrance.computeIfAbsent(building, b -> new TreeMap<>(PLACE_ORDER))
                    .computeIfAbsent(entrance, e -> new ArrayList<>())
                    .add(new Flat(flat, elector.holder(), hasVoted, hasVoted ? elector.channel() : null,
                            yuan(elector.shareOf(flat))));
        }
    }

    View view(String ballotId, BallotStatus status) {
        List<Building> buildings = new ArrayList<>();
        flatsByBuildingAndEntrance.forEach((building, entrances) -> {
            List<Entrance> rows = new ArrayList<>();
            int flats = 0;
            int votedFlats = 0;
            for (var entrance : entrances.entrySet()) {
                List<Flat> list = new ArrayList<>(entrance.getValue());
                list.sort(Comparator.comparing(Flat::flat, PLACE_ORDER));
                int votedHere = (int) list.stream().filter(Flat::voted).count();
                rows.add(new Entrance(entrance.getKey(), list.size(), votedHere, listFlats ? list : null));
                flats += list.size();
                votedFlats += votedHere;
            }
            buildings.add(new Building(building, flats, votedFlats, rows));
        });
        return new View(ballotId, status, within, new Totals(owners, voted, owners - voted, Collections.unmodifiableMap(new EnumMap<>(byChannel))),
                listFlats, buildings);
    }

    private static BigDecimal yuan(Long cents) {
        return cents == null ? null : BigDecimal.valueOf(cents, 2);
    }

    /** Place paths in the order people count: 31/3/601 before 31/3/1001, building 9 before building 10. */
    static int comparePlaces(String a, String b) {
        String[] x = a.split("/");
        String[] y = b.split("/");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            int c = compareSegments(x[i], y[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    }

    private static int compareSegments(String a, String b) {
        boolean numbers = !a.isEmpty() && !b.isEmpty() && a.chars().allMatch(Character::isDigit)
                && b.chars().allMatch(Character::isDigit) && a.length() < 10 && b.length() < 10;
        return numbers ? Integer.compare(Integer.parseInt(a), Integer.parseInt(b)) : a.compareTo(b);
    }
}
