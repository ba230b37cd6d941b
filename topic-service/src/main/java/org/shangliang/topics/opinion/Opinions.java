package org.shangliang.topics.opinion;

import java.util.EnumMap;
import java.util.Map;

import org.bson.Document;
import org.shangliang.contracts.topic.OpinionStance;
import org.shangliang.platform.web.PageResponse;
import org.shangliang.platform.web.Pages;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.aggregation.Aggregation;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/** Where opinions are kept and how they are read: a topic's page of opinions and its count per stance. */
@Component
class Opinions {

    private final MongoTemplate mongo;

    Opinions(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    Opinion add(Opinion opinion) {
        return mongo.insert(opinion);
    }

    /** A topic's opinions, newest first. */
    PageResponse<Opinion> page(String topicId, int page, int size) {
        return Pages.find(mongo, new Query(Criteria.where("topicId").is(topicId)), Opinion.class,
                Sort.by(Sort.Direction.DESC, "createdAt"), page, size);
    }

    /** How many opinions of each stance a topic has (every stance listed, 0 where none). */
    Map<OpinionStance, Long> countsByStance(String topicId) {
        Map<OpinionStance, Long> counts = new EnumMap<>(OpinionStance.class);
        for (OpinionStance stance : OpinionStance.values()) {
            counts.put(stance, 0L);
        }
        mongo.aggregate(Aggregation.newAggregation(Aggregation.match(Criteria.where("topicId").is(topicId)),
                        Aggregation.group("stance").count().as("count")), "opinions", Document.class)
                .forEach(d -> counts.put(OpinionStance.valueOf(d.getString("_id")), ((Number) d.get("count")).longValue()));
        return counts;
    }
}
