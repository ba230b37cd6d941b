package org.shangliang.platform.testapp;

import java.time.Instant;

import org.shangliang.contracts.topic.TopicCategory;
import org.shangliang.contracts.topic.TopicProposed;
import org.shangliang.contracts.topic.TopicSupported;
import org.shangliang.platform.outbox.OutboxAggregate;
import org.springframework.data.mongodb.core.mapping.Document;

@Document("sample_topics")
public class SampleTopic extends OutboxAggregate {

    private String title;
    private int supports;

    SampleTopic() {
    }

    public SampleTopic(String id, String title) {
        this.id = id;
        this.title = title;
    }

    public void propose(String proposerId) {
        supports = 1;
        raise(new TopicProposed(id, "yuejiang", "yuejiang/yuejiang-xincun/31", title, TopicCategory.ELEVATOR,
                proposerId, proposerId, 5, Instant.now()));
    }

    public void support(String residentId) {
        supports++;
        raise(new TopicSupported(id, "yuejiang", residentId, supports, Instant.now()));
    }

    public String getTitle() {
        return title;
    }
}
