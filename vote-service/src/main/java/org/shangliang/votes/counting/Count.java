package org.shangliang.votes.counting;

import java.math.BigDecimal;

/** Owners (holders, each counted once) and exclusive area in hundredths of a square metre. */
public record Count(long owners, long areaCents) {

    public static final Count NONE = new Count(0, 0);

    public Count plus(long areaCentsOfOneOwner) {
        return new Count(owners + 1, areaCents + areaCentsOfOneOwner);
    }

    public BigDecimal area() {
        return BigDecimal.valueOf(areaCents, 2);
    }
}
