package org.shangliang.notifications.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.shangliang.contracts.Labels;
import org.shangliang.notifications.email.EmailDelivery;

/** Every enum value notification-service answers with has a label in both languages (GET /api/labels). */
class LabelsCoverageTest {

    @Test
    void everyValueHasBothLabels() {
        assertThat(Labels.missing("notificationType", NotificationType.values())).isEmpty();
        assertThat(Labels.missing("deliveryStatus", EmailDelivery.Status.values())).isEmpty();
    }
}
