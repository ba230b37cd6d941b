package org.shangliang.topics.topic;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.shangliang.contracts.Labels;

/** Every enum value topic-service takes has a label in both languages (GET /api/labels). */
class LabelsCoverageTest {

    @Test
    void everyValueHasBothLabels() {
        assertThat(Labels.missing("decision", TopicRequests.ReviewRequest.Decision.values())).isEmpty();
    }
}
