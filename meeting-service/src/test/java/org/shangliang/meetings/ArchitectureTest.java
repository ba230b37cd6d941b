package org.shangliang.meetings;

import org.junit.jupiter.api.Test;
import org.shangliang.platform.testing.Architecture;

class ArchitectureTest {

    @Test
    void featurePackagesDependOnEachOtherOneWayOnly() {
        Architecture.featurePackagesAreFreeOfCycles("org.shangliang.meetings");
    }

    @Test
    void theModelKnowsNothingOfHttpOrTheStore() throws ClassNotFoundException {
        Architecture.modelKeepsOutHttpAndTheStore("org.shangliang.meetings",
                Class.forName("org.shangliang.meetings.meeting.CostTable"),
                Class.forName("org.shangliang.meetings.meeting.Conclusions"));
    }
}
