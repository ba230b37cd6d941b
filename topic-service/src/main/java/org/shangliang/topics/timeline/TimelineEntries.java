package org.shangliang.topics.timeline;

import java.util.List;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/** Where the steps of topics' timelines are kept, and how one topic's are read. */
@Component
class TimelineEntries {

    private final MongoTemplate mongo;

    TimelineEntries(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** Adds a step once: a redelivered event's step has the same id and is in the timeline already. */
    void add(TimelineEntry entry) {
        try {
            mongo.insert(entry);
        } catch (DuplicateKeyException alreadyRecorded) {
            // a redelivery
        }
    }

    /** A topic's steps, oldest first (ties in the order of their ids, so the answer is stable). */
    List<TimelineEntry> of(String topicId) {
        return mongo.find(new Query(Criteria.where("topicId").is(topicId)).with(Sort.by("at", "_id")), TimelineEntry.class);
    }
}
