package org.shangliang.meetings.meeting;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

import org.shangliang.contracts.meeting.CostShareSpec.FloorCoefficient;
import org.shangliang.contracts.meeting.CostShareSpec;
import org.shangliang.platform.domain.Rejection;

/**
 * The rules of an elevator proposal's cost table (加装电梯费用分摊表) as the meeting decides it: a
 * total in yuan to the fen, and one coefficient for every floor from the first up to the top
 * (none missing, none twice), each from 0 to 10 in hundredths, at least one above 0 so somebody
 * pays. Which flats stand on which floor is the roll's business: the vote-service checks, when
 * the ballot opens, that the table covers every floor of the scope.
 */
final class CostTable {

    static final BigDecimal MAX_TOTAL = new BigDecimal("100000000.00");
    static final BigDecimal MAX_COEFFICIENT = BigDecimal.TEN;
    static final int TOP_FLOOR = 60;

    private CostTable() {
    }

    /** The table as the outcome carries it, or the first rule it breaks, naming the field ({@code at} is the outcome). */
    static CostShareSpec check(String at, BigDecimal totalCost, List<FloorCoefficient> coefficients) {
        String total = at + ".costShare.totalCost";
        String table = at + ".costShare.coefficients";
        if (totalCost == null || totalCost.signum() <= 0 || totalCost.compareTo(MAX_TOTAL) > 0
                || totalCost.stripTrailingZeros().scale() > 2) {
            throw Rejection.invalid("cost-share.total", "The total cost must be more than 0 and at most "
                    + MAX_TOTAL.toPlainString() + " yuan, to the fen", MAX_TOTAL.toPlainString()).with("field", total);
        }
        if (coefficients == null || coefficients.isEmpty()) {
            throw Rejection.invalid("cost-share.no-floors", "The table needs a coefficient for every floor")
                    .with("field", table);
        }
        TreeSet<Integer> floors = new TreeSet<>();
        List<FloorCoefficient> checked = new ArrayList<>();
        boolean somebodyPays = false;
        for (int i = 0; i < coefficients.size(); i++) {
            FloorCoefficient c = coefficients.get(i);
            String row = table + "[" + i + "]";
            if (c == null || c.floor() < 1 || c.floor() > TOP_FLOOR) {
                throw Rejection.invalid("cost-share.floor-range", "A floor is from 1 to " + TOP_FLOOR, TOP_FLOOR)
                        .with("field", row + ".floor");
            }
            if (!floors.add(c.floor())) {
                throw Rejection.invalid("cost-share.floor-twice", "Floor " + c.floor() + " is in the table twice",
                        c.floor()).with("field", row + ".floor");
            }
            BigDecimal k = c.coefficient();
            if (k == null || k.signum() < 0 || k.compareTo(MAX_COEFFICIENT) > 0 || k.stripTrailingZeros().scale() > 2) {
                throw Rejection.invalid("cost-share.coefficient", "The coefficient of floor " + c.floor()
                        + " must be from 0 to 10 in hundredths", c.floor()).with("field", row + ".coefficient");
            }
            somebodyPays |= k.signum() > 0;
            checked.add(new FloorCoefficient(c.floor(), k.stripTrailingZeros().scale() < 0 ? k.setScale(0) : k.stripTrailingZeros()));
        }
        List<Integer> missing = new ArrayList<>();
        for (int floor = 1; floor < floors.last(); floor++) {
            if (!floors.contains(floor)) {
                missing.add(floor);
            }
        }
        if (!missing.isEmpty()) {
            String list = String.join(", ", missing.stream().map(String::valueOf).toList());
            throw Rejection.invalid("cost-share.floor-missing", "The table must cover every floor from 1 to "
                    + floors.last() + "; missing: " + list, floors.last(), list).with("field", table);
        }
        if (!somebodyPays) {
            throw Rejection.invalid("cost-share.all-zero", "At least one floor's coefficient must be above 0")
                    .with("field", table);
        }
        checked.sort(Comparator.comparingInt(FloorCoefficient::floor));
        return new CostShareSpec(totalCost.setScale(2), List.copyOf(checked));
    }
}
