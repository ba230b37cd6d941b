package org.shangliang.votes.counting;

import java.math.BigDecimal;

/** Owners (holders, each counted once) and exclusive area in hundredths of a square metre. */
public record Count(long owners, long areaCents) {

    public static final Count NONE = new Count(0, 0);

    public Count plus(long areaCentsOfOneOwner) {
        return new Count(owners + 1, areaCents + areaCentsOfOneOwner);
    }

    /** These owners and area with others (a group of holders summed elsewhere). */
    public Count plus(Count others) {
        return new Count(owners + others.owners, areaCents + others.areaCents);
    }

    public BigDecimal area() {
        return BigDecimal.valueOf(areaCents, 2);
    }
}
