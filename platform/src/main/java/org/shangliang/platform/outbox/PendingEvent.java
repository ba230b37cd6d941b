package org.shangliang.platform.outbox;

import java.time.Instant;

/**
 * An event waiting in its aggregate's document to be published. {@code data} is the JSON that will
 * be the record value, fixed when the state change was saved.
 */
public record PendingEvent(
        String eventId,
        String type,
        String stream,
        String source,
        String subject,
        Instant time,
        String requestId,
        String data) {
}
