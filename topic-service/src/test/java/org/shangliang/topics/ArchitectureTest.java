package org.shangliang.topics;

import org.junit.jupiter.api.Test;
import org.shangliang.platform.testing.Architecture;
import org.shangliang.topics.place.CommunityPlaces;

class ArchitectureTest {

    @Test
    void featurePackagesDependOnEachOtherOneWayOnly() {
        Architecture.featurePackagesAreFreeOfCycles("org.shangliang.topics");
    }

    @Test
    void theModelKnowsNothingOfHttpOrTheStore() throws ClassNotFoundException {
        Architecture.modelKeepsOutHttpAndTheStore("org.shangliang.topics", CommunityPlaces.class,
                Class.forName("org.shangliang.topics.topic.SearchTerms"), Class.forName("org.shangliang.topics.topic.SimilarTitles"),
                Class.forName("org.shangliang.topics.timeline.TimelineCause"));
    }
}
