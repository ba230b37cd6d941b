package org.shangliang.meetings.agenda;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.shangliang.contracts.EventCatalogue;
import org.shangliang.contracts.topic.TopicStatus;
import org.shangliang.platform.events.EventSubscriptions;
import org.shangliang.platform.outbox.IdempotentApplier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/** Keeps the agenda view from topic events (applied once each) and answers what scheduling needs. */
@Configuration(proxyBeanMethods = false)
public class AgendaTopics {

    private final MongoTemplate mongo;

    AgendaTopics(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Bean
    EventSubscriptions agendaView(IdempotentApplier applier) {
        return EventSubscriptions.builder()
                .on(EventCatalogue.TOPIC_PROPOSED, e -> applier.apply(e, AgendaTopic.class, e.data().topicId(),
                        () -> new AgendaTopic(e.data().topicId()), t -> t.seen(e.data().community(), e.data().scope(),
                                e.data().title(), e.data().category(), TopicStatus.PROPOSED, e.data().proposedAt())))
                .on(EventCatalogue.TOPIC_STATUS_CHANGED, e -> applier.apply(e, AgendaTopic.class, e.data().topicId(),
                        () -> new AgendaTopic(e.data().topicId()), t -> t.seen(e.data().community(), e.data().scope(),
                                e.data().title(), e.data().category(), e.data().to(), e.data().changedAt())))
                .build();
    }

    public Optional<AgendaTopic> find(String topicId) {
        return Optional.ofNullable(mongo.findById(topicId, AgendaTopic.class));
    }

    /** The titles of the topics this service knows of, by id, in one query (a topic not known yet is left out). */
    public Map<String, String> titlesOf(List<String> topicIds) {
        Map<String, String> titles = new LinkedHashMap<>();
        mongo.find(new Query(Criteria.where("_id").in(topicIds)), AgendaTopic.class).forEach(t -> {
            if (t.getTitle() != null) {
                titles.put(t.getId(), t.getTitle());
            }
        });
        return titles;
    }
}
