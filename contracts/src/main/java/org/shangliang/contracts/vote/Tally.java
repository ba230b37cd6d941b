package org.shangliang.contracts.vote;

import java.math.BigDecimal;

/** Owners (holders, counted once each) and exclusive area in m² for one group of voters. */
public record Tally(long owners, BigDecimal area) {
}
