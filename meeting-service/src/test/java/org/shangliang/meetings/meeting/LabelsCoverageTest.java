package org.shangliang.meetings.meeting;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.shangliang.contracts.Labels;

/** Every enum value meeting-service answers with has a label in both languages (GET /api/labels). */
class LabelsCoverageTest {

    @Test
    void everyValueHasBothLabels() {
        assertThat(Labels.missing("meetingStatus", Meeting.Status.values())).isEmpty();
    }
}
