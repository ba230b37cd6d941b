package org.shangliang.meetings.agenda;

import java.time.Instant;

import org.shangliang.contracts.topic.TopicCategory;
import org.shangliang.contracts.topic.TopicStatus;
import org.shangliang.platform.outbox.OutboxAggregate;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * This service's own view of a topic, kept from the topic stream, so scheduling never calls the
 * topic-service: whether a topic exists, its community, scope, title and status.
 */
@Document("agenda_topics")
public class AgendaTopic extends OutboxAggregate {

    private String community;
    private String scope;
    private String title;
    private TopicCategory category;
    private TopicStatus status;
    private Instant statusAt;

    AgendaTopic() {
    }

    AgendaTopic(String topicId) {
        this.id = topicId;
    }

    void seen(String community, String scope, String title, TopicCategory category, TopicStatus status, Instant at) {
        this.community = community;
        this.category = category;
        this.scope = scope;
        this.title = title;
        if (this.status == null || statusAt == null || at == null || !at.isBefore(statusAt)) {
            this.status = status;
            this.statusAt = at;
        }
    }

    public String getCommunity() { return community; }
    public String getScope() { return scope; }
    public String getTitle() { return title; }
    public TopicCategory getCategory() { return category; }
    public TopicStatus getStatus() { return status; }
}
