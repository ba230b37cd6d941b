package org.shangliang.votes;

import org.junit.jupiter.api.Test;
import org.shangliang.platform.testing.Architecture;

class ArchitectureTest {

    @Test
    void featurePackagesDependOnEachOtherOneWayOnly() {
        Architecture.featurePackagesAreFreeOfCycles("org.shangliang.votes");
    }

    @Test
    void theModelKnowsNothingOfHttpOrTheStore() throws ClassNotFoundException {
        String[] rules = {"ballot.Elector", "ballot.Electorate", "ballot.Canvass", "ballot.CostShare", "ballot.Contest",
                "ballot.VoidedVote", "counting.Tally", "counting.Threshold", "counting.Count", "roll.RollCsv"};
        Class<?>[] classes = new Class<?>[rules.length];
        for (int i = 0; i < rules.length; i++) {
            classes[i] = Class.forName("org.shangliang.votes." + rules[i]);
        }
        Architecture.modelKeepsOutHttpAndTheStore("org.shangliang.votes", classes);
    }
}
