package org.shangliang.platform.outbox;

import java.time.Clock;

import org.bson.Document;
import org.shangliang.contracts.IntegrationEvent;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.data.mongodb.core.mapping.event.AfterSaveCallback;
import org.springframework.data.mongodb.core.mapping.event.BeforeConvertCallback;

/**
 * Writes the events raised on an aggregate into its outbox as part of the very save that stores the
 * state change, then asks the relay to publish them right away.
 */
public class OutboxCallbacks implements BeforeConvertCallback<OutboxAggregate>, AfterSaveCallback<OutboxAggregate> {

    private final ObjectProvider<OutboxRelay> relay;
    private final Clock clock;

    /** The relay is looked up lazily: it needs the MongoTemplate whose callbacks these are. */
    public OutboxCallbacks(ObjectProvider<OutboxRelay> relay, Clock clock) {
        this.relay = relay;
        this.clock = clock;
    }

    @Override
    public OutboxAggregate onBeforeConvert(OutboxAggregate aggregate, String collection) {
        aggregate.moveRaisedIntoOutbox(this::pending);
        return aggregate;
    }

    @Override
    public OutboxAggregate onAfterSave(OutboxAggregate aggregate, Document document, String collection) {
        if (aggregate.hasPendingEvents()) {
            relay.getObject().relaySoon(collection, document.get("_id"));
        }
        return aggregate;
    }

    private PendingEvent pending(IntegrationEvent event) {
        return PendingEvent.of(event, clock.instant());
    }
}
