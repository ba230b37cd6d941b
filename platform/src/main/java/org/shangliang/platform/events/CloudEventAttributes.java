package org.shangliang.platform.events;

import java.time.Instant;

/** The CloudEvents context attributes of one event, plus the request id extension. */
public record CloudEventAttributes(String id, String source, String type, String subject, Instant time,
                                   String requestId) {
}
