package org.shangliang.topics.opinion;

import java.time.Instant;

import org.shangliang.contracts.topic.OpinionPosted;
import org.shangliang.contracts.topic.OpinionStance;
import org.shangliang.platform.outbox.OutboxAggregate;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/** One opinion (意见) on a topic; its own document, with its own event in its own outbox. */
@Document("opinions")
@CompoundIndex(name = "topic_newest", def = "{'topicId': 1, 'createdAt': -1}")
public class Opinion extends OutboxAggregate {

    private String topicId;
    private String community;
    private String authorId;
    private String authorName;
    private OpinionStance stance;
    private String content;
    private Instant createdAt;

    Opinion() {
    }

    static Opinion post(String id, String topicId, String community, String authorId, String authorName,
                        OpinionStance stance, String content, Instant now) {
        Opinion o = new Opinion();
        o.id = id;
        o.topicId = topicId;
        o.community = community;
        o.authorId = authorId;
        o.authorName = authorName;
        o.stance = stance;
        o.content = content;
        o.createdAt = now;
        o.raise(new OpinionPosted(topicId, community, id, authorId, stance, now));
        return o;
    }

    public String getTopicId() { return topicId; }
    public String getAuthorId() { return authorId; }
    public String getAuthorName() { return authorName; }
    public OpinionStance getStance() { return stance; }
    public String getContent() { return content; }
    public Instant getCreatedAt() { return createdAt; }
}
