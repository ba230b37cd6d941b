package org.shangliang.platform;

import org.junit.jupiter.api.Test;
import org.shangliang.platform.domain.Rejection;
import org.shangliang.platform.testing.Architecture;

class ArchitectureTest {

    @Test
    void thePackagesOfTheSharedLibraryHaveNoCycles() {
        Architecture.featurePackagesAreFreeOfCycles("org.shangliang.platform");
    }

    @Test
    void aDomainRejectionKnowsNothingOfHttp() {
        Architecture.modelKeepsOutHttpAndTheStore("org.shangliang.platform.domain", Rejection.class,
                org.shangliang.platform.domain.FieldProblem.class);
    }
}
