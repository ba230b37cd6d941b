package org.shangliang.contracts.meeting;

import java.math.BigDecimal;
import java.util.List;

/**
 * How the owners of an elevator (加装电梯) share its cost: the total in yuan (two decimals) and a
 * coefficient for every floor from the first up to the top, the ground floor often 0. The
 * vote-service turns it into each flat's share, exact to the fen, when the ballot opens.
 */
public record CostShareSpec(BigDecimal totalCost, List<FloorCoefficient> coefficients) {

    /** One floor's weight: a flat on it pays {@code coefficient} parts of the cost. */
    public record FloorCoefficient(int floor, BigDecimal coefficient) {
    }
}
