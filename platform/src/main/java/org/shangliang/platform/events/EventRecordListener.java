package org.shangliang.platform.events;

import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.shangliang.platform.requestid.RequestId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.kafka.listener.MessageListener;

/**
 * Decodes each record and hands it to the service's handler, with the event's request id in the
 * logging context so that the consumer's log lines carry the id of the request that caused it.
 * Failures propagate to the container's error handler (bounded retries, then the DLT).
 */
public class EventRecordListener implements MessageListener<String, byte[]> {

    private static final Logger log = LoggerFactory.getLogger(EventRecordListener.class);

    private final EventDecoder decoder;
    private final EventSubscriptions subscriptions;

    public EventRecordListener(EventDecoder decoder, EventSubscriptions subscriptions) {
        this.decoder = decoder;
        this.subscriptions = subscriptions;
    }

    @Override
    public void onMessage(ConsumerRecord<String, byte[]> record) {
        Optional<EventEnvelope<?>> decoded = decoder.decode(record);
        if (decoded.isEmpty()) {
            log.debug("Skipping {}-{}@{}: event type unknown to this version", record.topic(), record.partition(),
                    record.offset());
            return;
        }
        EventEnvelope<?> event = decoded.get();
        String previous = MDC.get(RequestId.MDC_KEY);
        MDC.put(RequestId.MDC_KEY, event.requestId() == null ? "event:" + event.id() : event.requestId());
        try {
            if (subscriptions.dispatch(event)) {
                log.info("Applied {} {} about {} ({}-{}@{})", event.type(), event.id(), event.data().subject(),
                        record.topic(), record.partition(), record.offset());
            }
        } finally {
            if (previous == null) {
                MDC.remove(RequestId.MDC_KEY);
            } else {
                MDC.put(RequestId.MDC_KEY, previous);
            }
        }
    }
}
