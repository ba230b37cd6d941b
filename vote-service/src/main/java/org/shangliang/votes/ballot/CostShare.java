package org.shangliang.votes.ballot;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.shangliang.contracts.meeting.CostShareSpec;
import org.shangliang.votes.roll.RollFlat;

/**
 * Each flat's share of an elevator's cost (加装电梯费用分摊), exact to the fen. A flat weighs its
 * floor's coefficient; it pays {@code total × weight ÷ sum of all flats' weights}, rounded down to
 * the fen. The fen left over (fewer than the flats) go one each to the flats with the largest
 * remainders (the largest-remainder method), ties to the higher floor, then in roll order, so the
 * shares always add up to the total and no flat pays a fen more than its exact share rounded up.
 * A flat's floor is read from its door number (门牌号): the digits before the last two (301 → 3,
 * 1502 → 15); a flat whose floor cannot be read, or whose floor the table lacks, cannot be shared.
 */
public final class CostShare {

    /** The remainder rule, as the API names it. */
    public static final String REMAINDER_RULE = "LARGEST_REMAINDER_HIGHER_FLOOR_FIRST";

    /** One floor of the table as the owners see it: its coefficient, how many flats, and what one of them pays. */
    public record FloorRow(int floor, BigDecimal coefficient, int flats, long leastCents, long mostCents) {
    }

    /** The shares of the flats in one ballot's scope, or the flats the table cannot place. */
    public record Allocation(long totalCents, List<FloorRow> floors, Map<String, Long> centsByFlat,
                             List<String> unplaced, boolean nobodyPays) {

        public boolean shared() {
            return unplaced.isEmpty() && !nobodyPays;
        }
    }

    private CostShare() {
    }

    static Allocation allocate(CostShareSpec table, List<String> flats) {
        long total = table.totalCost().movePointRight(2).longValueExact();
        Map<Integer, BigDecimal> coefficientOf = new TreeMap<>();
        table.coefficients().forEach(c -> coefficientOf.put(c.floor(), c.coefficient()));
        List<String> unplaced = new ArrayList<>();
        Map<String, Integer> floorOfFlat = new LinkedHashMap<>();
        Map<String, Long> weightOf = new HashMap<>();
        long weights = 0;
        for (String flat : flats) {
            int floor = RollFlat.floorOf(flat);
            BigDecimal coefficient = coefficientOf.get(floor);
            if (coefficient == null) {
                unplaced.add(flat);
                continue;
            }
            long weight = coefficient.movePointRight(2).longValueExact();
            floorOfFlat.put(flat, floor);
            weightOf.put(flat, weight);
            weights += weight;
        }
        if (!unplaced.isEmpty() || weights == 0) {
            return new Allocation(total, List.of(), Map.of(), List.copyOf(unplaced), weights == 0);
        }
        Map<String, Long> cents = new LinkedHashMap<>();
        Map<String, Long> remainder = new HashMap<>();
        long handedOut = 0;
        for (String flat : floorOfFlat.keySet()) {
            // total ≤ 10^10 fen and a weight ≤ 1,000: the product stays far below Long.MAX_VALUE
            long exact = total * weightOf.get(flat);
            cents.put(flat, exact / weights);
            remainder.put(flat, exact % weights);
            handedOut += exact / weights;
        }
        List<String> order = new ArrayList<>(floorOfFlat.keySet());
        Map<String, Integer> rollOrder = new HashMap<>();
        for (int i = 0; i < order.size(); i++) {
            rollOrder.put(order.get(i), i);
        }
        order.sort(Comparator.<String>comparingLong(remainder::get).reversed()
                .thenComparing(Comparator.<String>comparingInt(floorOfFlat::get).reversed())
                .thenComparingInt(rollOrder::get));
        for (int i = 0; i < total - handedOut; i++) {
            cents.merge(order.get(i), 1L, Long::sum);
        }
        Map<Integer, long[]> byFloor = new TreeMap<>();
        for (var share : cents.entrySet()) {
            long[] row = byFloor.computeIfAbsent(floorOfFlat.get(share.getKey()),
                    f -> new long[] {0, Long.MAX_VALUE, Long.MIN_VALUE});
            row[0]++;
            row[1] = Math.min(row[1], share.getValue());
            row[2] = Math.max(row[2], share.getValue());
        }
        List<FloorRow> rows = new ArrayList<>();
        for (var floor : coefficientOf.entrySet()) {
            long[] row = byFloor.get(floor.getKey());
            rows.add(row == null ? new FloorRow(floor.getKey(), floor.getValue(), 0, 0, 0)
                    : new FloorRow(floor.getKey(), floor.getValue(), (int) row[0], row[1], row[2]));
        }
        return new Allocation(total, List.copyOf(rows), cents, List.of(), false);
    }
}
