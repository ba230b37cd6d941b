package org.shangliang.votes.ballot;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.shangliang.contracts.meeting.CostShareSpec;
import org.shangliang.contracts.meeting.CostShareSpec.FloorCoefficient;
import org.shangliang.votes.roll.RollFlat;

/** Each flat's share of an elevator's cost: exact to the fen, adding up to the total, the remainder by the stated rule. */
class CostShareTest {

    private static final String ENTRANCE = "yuejiang/yuejiang-xincun/31/3";

    /** Six floors, two flats each (x01, x02), as in 越江新村 31号楼3单元. */
    private static List<String> sixFloorsTwoFlatsEach() {
        List<String> flats = new ArrayList<>();
        for (int floor = 1; floor <= 6; floor++) {
            flats.add(ENTRANCE + "/" + floor + "01");
            flats.add(ENTRANCE + "/" + floor + "02");
        }
        return flats;
    }

    private static CostShareSpec table(String total, String... coefficients) {
        List<FloorCoefficient> rows = new ArrayList<>();
        for (int i = 0; i < coefficients.length; i++) {
            rows.add(new FloorCoefficient(i + 1, new BigDecimal(coefficients[i])));
        }
        return new CostShareSpec(new BigDecimal(total), rows);
    }

    @Test
    void the_floors_pay_by_their_coefficients_and_the_ground_floor_pays_nothing() {
        var shares = CostShare.allocate(table("360000.00", "0", "0.6", "0.8", "1", "1.2", "1.4"), sixFloorsTwoFlatsEach());

        assertThat(shares.shared()).isTrue();
        // sum of weights: 2 × (0 + 0.6 + 0.8 + 1 + 1.2 + 1.4) = 10; one weight unit is 36,000 yuan
        assertThat(shares.centsByFlat()).containsEntry(ENTRANCE + "/101", 0L).containsEntry(ENTRANCE + "/201", 2_160_000L)
                .containsEntry(ENTRANCE + "/401", 3_600_000L).containsEntry(ENTRANCE + "/602", 5_040_000L);
        assertThat(shares.floors()).extracting(CostShare.FloorRow::floor, CostShare.FloorRow::flats,
                        CostShare.FloorRow::leastCents, CostShare.FloorRow::mostCents)
                .startsWith(org.assertj.core.groups.Tuple.tuple(1, 2, 0L, 0L))
                .contains(org.assertj.core.groups.Tuple.tuple(6, 2, 5_040_000L, 5_040_000L));
    }

    @Test
    void the_fen_left_over_go_to_the_largest_remainders_then_to_the_higher_floor() {
        // 100.00 yuan over three flats of equal weight: 33.33 each and one fen over
        var even = CostShare.allocate(table("100.00", "1", "1", "1"),
                List.of(ENTRANCE + "/101", ENTRANCE + "/201", ENTRANCE + "/301"));
        assertThat(even.centsByFlat()).containsEntry(ENTRANCE + "/101", 3_333L).containsEntry(ENTRANCE + "/201", 3_333L)
                .containsEntry(ENTRANCE + "/301", 3_334L);

        // 0.10 yuan by weights 1 and 2: exact 3.33 and 6.67 fen; the larger remainder (2/3 of floor 1) gets the fen
        var uneven = CostShare.allocate(table("0.10", "1", "2"), List.of(ENTRANCE + "/101", ENTRANCE + "/201"));
        assertThat(uneven.centsByFlat()).containsEntry(ENTRANCE + "/101", 3L).containsEntry(ENTRANCE + "/201", 7L);

        // two flats on one floor with the same remainder: the earlier in the roll gets the fen
        var sameFloor = CostShare.allocate(table("0.05", "1"),
                List.of(ENTRANCE + "/102", ENTRANCE + "/101"));
        assertThat(sameFloor.centsByFlat()).containsEntry(ENTRANCE + "/102", 3L).containsEntry(ENTRANCE + "/101", 2L);
        assertThat(sameFloor.floors().get(0)).isEqualTo(new CostShare.FloorRow(1, BigDecimal.ONE, 2, 2, 3));
    }

    @Test
    void a_flat_above_the_table_or_without_a_door_number_cannot_be_shared() {
        var above = CostShare.allocate(table("1000.00", "0", "1"),
                List.of(ENTRANCE + "/101", ENTRANCE + "/201", ENTRANCE + "/301"));
        assertThat(above.shared()).isFalse();
        assertThat(above.unplaced()).containsExactly(ENTRANCE + "/301");

        var unreadable = CostShare.allocate(table("1000.00", "1"), List.of(ENTRANCE + "/101", ENTRANCE + "/shop-a"));
        assertThat(unreadable.unplaced()).containsExactly(ENTRANCE + "/shop-a");

        var onlyGroundFloor = CostShare.allocate(table("1000.00", "0", "1"), List.of(ENTRANCE + "/101", ENTRANCE + "/102"));
        assertThat(onlyGroundFloor.nobodyPays()).isTrue();
        assertThat(onlyGroundFloor.shared()).isFalse();
    }

    @Test
    void the_floor_is_read_from_the_door_number() {
        assertThat(RollFlat.floorOf(ENTRANCE + "/301")).isEqualTo(3);
        assertThat(RollFlat.floorOf(ENTRANCE + "/1502")).isEqualTo(15);
        assertThat(RollFlat.floorOf(ENTRANCE + "/12")).isZero();
        assertThat(RollFlat.floorOf(ENTRANCE + "/a301")).isZero();
        assertThat(RollFlat.floorOf(ENTRANCE + "/10001")).isZero();
    }

    @Property(tries = 300)
    void shares_add_up_to_the_total_and_each_is_its_exact_share_rounded_down_or_up(
            @ForAll @LongRange(min = 1, max = 10_000_000_000L) long totalCents,
            @ForAll("coefficients") List<Integer> hundredths, @ForAll @IntRange(min = 1, max = 8) int flatsPerFloor) {
        if (hundredths.stream().allMatch(h -> h == 0)) {
            return;
        }
        List<FloorCoefficient> rows = new ArrayList<>();
        for (int i = 0; i < hundredths.size(); i++) {
            rows.add(new FloorCoefficient(i + 1, BigDecimal.valueOf(hundredths.get(i), 2)));
        }
        List<String> flats = new ArrayList<>();
        for (int floor = 1; floor <= hundredths.size(); floor++) {
            for (int f = 1; f <= flatsPerFloor; f++) {
                flats.add(ENTRANCE + "/" + (floor * 100 + f));
            }
        }
        var shares = CostShare.allocate(new CostShareSpec(BigDecimal.valueOf(totalCents, 2), rows), flats);

        assertThat(shares.centsByFlat().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(totalCents);
        BigInteger weights = BigInteger.valueOf(hundredths.stream().mapToLong(Integer::longValue).sum() * flatsPerFloor);
        for (String flat : flats) {
            BigInteger exactTimesWeights = BigInteger.valueOf(totalCents)
                    .multiply(BigInteger.valueOf(hundredths.get(RollFlat.floorOf(flat) - 1)));
            BigInteger down = exactTimesWeights.divide(weights);
            long share = shares.centsByFlat().get(flat);
            assertThat(share).isBetween(down.longValueExact(), down.longValueExact() + 1);
            if (exactTimesWeights.mod(weights).signum() == 0) {
                assertThat(share).isEqualTo(down.longValueExact());
            }
        }
    }

    @Provide
    Arbitrary<List<Integer>> coefficients() {
        return Arbitraries.integers().between(0, 1_000).list().ofMinSize(1).ofMaxSize(30);
    }
}
