package org.shangliang.platform.outbox;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Function;

import org.shangliang.contracts.IntegrationEvent;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Transient;
import org.springframework.data.annotation.Version;

/**
 * An aggregate stored as one MongoDB document together with the events its state changes produced
 * (the outbox) and the ids of the events it has already applied. Because all three live in one
 * document, one single-document write changes the state, queues its events and records what was
 * applied, atomically and without multi-document transactions.
 *
 * <p>Save it with Spring Data ({@code repository.save} or {@code MongoTemplate.save}): events raised
 * since the last save are written into the outbox in the same write and relayed to Kafka right
 * after. A save that lost a race ({@code OptimisticLockingFailureException}) changes nothing; load
 * the aggregate again and retry the command ({@link Conflicts#retry}).
 */
public abstract class OutboxAggregate {

    /** Applied event ids kept per aggregate; far more than one aggregate's redelivery window. */
    static final int HANDLED_EVENTS_KEPT = 1_000;

    @Id
    protected String id;

    @Version
    private Long version;

    private List<PendingEvent> outbox = new ArrayList<>();

    private List<String> handledEventIds = new ArrayList<>();

    @Transient
    private List<IntegrationEvent> raised = new ArrayList<>();

    public String getId() {
        return id;
    }

    /** Queues an event; it is written into the outbox by the next save of this aggregate. */
    protected void raise(IntegrationEvent event) {
        raised.add(event);
    }

    /** The events raised since the last save, in order: what the next save will write into the outbox. */
    public List<IntegrationEvent> raisedEvents() {
        return Collections.unmodifiableList(raised);
    }

    /** Whether the event with this CloudEvents id was applied to this aggregate already. */
    public boolean hasHandled(String eventId) {
        return handledEventIds.contains(eventId);
    }

    /** Records that an event was applied; saved in the same write as its effect. */
    public void markHandled(String eventId) {
        if (hasHandled(eventId)) {
            return;
        }
        handledEventIds.add(eventId);
        if (handledEventIds.size() > HANDLED_EVENTS_KEPT) {
            handledEventIds = new ArrayList<>(handledEventIds.subList(handledEventIds.size() - HANDLED_EVENTS_KEPT,
                    handledEventIds.size()));
        }
    }

    public List<PendingEvent> getOutbox() {
        return Collections.unmodifiableList(outbox);
    }

    void moveRaisedIntoOutbox(Function<IntegrationEvent, PendingEvent> toPending) {
        if (raised.isEmpty()) {
            return;
        }
        var ids = new LinkedHashSet<String>();
        outbox.forEach(e -> ids.add(e.eventId()));
        for (IntegrationEvent event : raised) {
            PendingEvent pending = toPending.apply(event);
            if (ids.add(pending.eventId())) {
                outbox.add(pending);
            }
        }
        raised.clear();
    }

    boolean hasPendingEvents() {
        return !outbox.isEmpty();
    }
}
