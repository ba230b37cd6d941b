package org.shangliang.topics.topic;

import java.util.function.Consumer;

import org.shangliang.platform.events.EventEnvelope;
import org.shangliang.platform.outbox.IdempotentApplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Applies another service's event to one topic, once, serialised with the requests on that topic. */
@Component
public class TopicMoves {

    private static final Logger log = LoggerFactory.getLogger(TopicMoves.class);

    private final IdempotentApplier applier;
    private final TopicCommands commands;

    TopicMoves(IdempotentApplier applier, TopicCommands commands) {
        this.applier = applier;
        this.commands = commands;
    }

    public void apply(EventEnvelope<?> event, String topicId, Consumer<Topic> move) {
        var applied = commands.serialised(topicId, () -> applier.apply(event, Topic.class, topicId, null, move));
        if (applied.isEmpty()) {
            log.warn("{} {} names topic {}, which does not exist here; skipped", event.type(), event.id(), topicId);
        }
    }
}
