package org.shangliang.notifications;

import org.junit.jupiter.api.Test;
import org.shangliang.platform.testing.Architecture;

class ArchitectureTest {

    @Test
    void featurePackagesDependOnEachOtherOneWayOnly() {
        Architecture.featurePackagesAreFreeOfCycles("org.shangliang.notifications");
    }
}
