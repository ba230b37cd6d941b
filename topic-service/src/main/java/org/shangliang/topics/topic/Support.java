package org.shangliang.topics.topic;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One resident's support of one topic, its own small document (unique by its id), so that a topic that
 * thousands support is not one document rewritten on every support. A withdrawn support stays as a
 * document with {@code supported} false: {@code seq} (the topic's numbering of its support changes) lets
 * a late or repeated write never undo a newer one.
 */
@Document(Support.COLLECTION)
@CompoundIndex(name = "topic_supported", def = "{'topicId': 1, 'supported': 1}")
public record Support(@Id String id, String topicId, String residentId, boolean supported, long seq, Instant at) {

    static final String COLLECTION = "supports";

    static String idOf(String topicId, String residentId) {
        return topicId + ":" + residentId;
    }
}
