package org.shangliang.platform.events;

import java.time.Instant;

/**
 * The CloudEvents context attributes of one event, plus two extensions: the request id, and the display
 * name of the person who caused it ({@code actorname}, absent for what the system did by itself).
 */
public record CloudEventAttributes(String id, String source, String type, String subject, Instant time,
                                   String requestId, String actorName) {
}
