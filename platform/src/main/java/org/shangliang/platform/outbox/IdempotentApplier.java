package org.shangliang.platform.outbox;

import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.shangliang.platform.events.EventEnvelope;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Applies a received event to one aggregate at most once, however often it is delivered: the effect
 * and the record that the event was applied are saved in one single-document write, so a crash
 * between them cannot exist. Races with other writers are retried on fresh state.
 */
public class IdempotentApplier {

    private final MongoTemplate mongo;

    public IdempotentApplier(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /**
     * @param create makes the aggregate when it does not exist yet; null to skip the event then
     * @return the aggregate after the event, or empty when it does not exist and was not created
     */
    public <A extends OutboxAggregate> Optional<A> apply(EventEnvelope<?> event, Class<A> type, Object id,
                                                         Supplier<A> create, Consumer<A> effect) {
        return Optional.ofNullable(Conflicts.retry(() -> {
            A aggregate = mongo.findById(id, type);
            boolean created = false;
            if (aggregate == null) {
                if (create == null) {
                    return null;
                }
                aggregate = create.get();
                created = true;
            }
            if (aggregate.hasHandled(event.id())) {
                return aggregate;
            }
            effect.accept(aggregate);
            aggregate.markHandled(event.id());
            try {
                return mongo.save(aggregate);
            } catch (DuplicateKeyException e) {
                if (created) {
                    throw new OptimisticLockingFailureException("Created concurrently: " + id, e);
                }
                throw e;
            }
        }));
    }
}
