package org.shangliang.topics.topic;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.shangliang.contracts.Labels;
import org.shangliang.topics.timeline.TimelineCause;
import org.shangliang.topics.timeline.TimelineKind;

/** Every enum value topic-service takes or answers has a label in both languages (GET /api/labels). */
class LabelsCoverageTest {

    @Test
    void everyValueHasBothLabels() {
        assertThat(Labels.missing("decision", TopicRequests.ReviewRequest.Decision.values())).isEmpty();
        assertThat(Labels.missing("timelineKind", TimelineKind.values())).isEmpty();
        assertThat(Labels.missing("timelineCause", TimelineCause.values())).isEmpty();
    }
}
