package org.shangliang.platform.outbox;

import java.time.Instant;
import java.util.UUID;

import org.shangliang.contracts.EventCatalogue;
import org.shangliang.contracts.EventType;
import org.shangliang.contracts.IntegrationEvent;
import org.shangliang.platform.events.EventJson;
import org.shangliang.platform.requestid.RequestId;
import org.shangliang.platform.security.CurrentUser;
import org.shangliang.platform.tracing.TraceContext;

/**
 * An event waiting in its aggregate's document to be published. {@code data} is the JSON that will
 * be the record value, fixed when the state change was saved; {@code actorName} is the display name of
 * the person whose request raised it (null for an event raised by the system: a clock, another event);
 * {@code traceContext} the W3C trace context of the request or event that raised it (null when none was
 * traced), so the trace goes on in the consumers.
 */
public record PendingEvent(
        String eventId,
        String type,
        String stream,
        String source,
        String subject,
        Instant time,
        String requestId,
        String data,
        String actorName,
        String traceContext) {

    /**
     * The pending form of an event raised now: for a store that writes it into a document's
     * {@code outbox} itself, in the same single-document update as the change it reports (then asks
     * {@link OutboxRelay#relaySoon} to publish it).
     */
    public static PendingEvent of(IntegrationEvent event, Instant now) {
        EventType<?> type = EventCatalogue.of(event);
        return new PendingEvent(UUID.randomUUID().toString(), type.type(), type.stream().streamName(),
                type.stream().source(), event.subject(), now, RequestId.current(), EventJson.MAPPER.writeValueAsString(event),
                CurrentUser.acting().map(CurrentUser::name).orElse(null), TraceContext.current());
    }
}
