package org.shangliang.topics.timeline;

import java.time.Instant;
import java.util.Map;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One step in a topic's life, from any stream; its id is the event's id and the topic's, so a redelivery
 * adds nothing. {@code actorName} is the acting person's display name, from the event's {@code actorname}.
 */
@Document("timeline")
@CompoundIndex(name = "topic_at", def = "{'topicId': 1, 'at': 1}")
record TimelineEntry(@Id String id, String topicId, Instant at, String kind, String actor, String actorName,
                     String stream, Map<String, Object> details) {
}
