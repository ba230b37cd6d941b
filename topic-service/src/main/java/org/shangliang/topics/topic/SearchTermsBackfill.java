package org.shangliang.topics.topic;

import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Topics stored before topics kept their search terms get them at start, one document at a time
 * (several instances doing it at once write the same terms). Until then they are not found by words.
 */
@Component
class SearchTermsBackfill {

    private static final Logger log = LoggerFactory.getLogger(SearchTermsBackfill.class);

    private final MongoTemplate mongo;

    SearchTermsBackfill(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @EventListener(ApplicationReadyEvent.class)
    void fillIn() {
        Query missing = new Query(Criteria.where("searchTerms").exists(false));
        missing.fields().include("title").include("description");
        int filled = 0;
        for (Document topic : mongo.find(missing, Document.class, "topics")) {
            mongo.updateFirst(new Query(Criteria.where("_id").is(topic.get("_id")).and("searchTerms").exists(false)),
                    new Update().set("searchTerms", SearchTerms.of(topic.getString("title"), topic.getString("description"))),
                    "topics");
            filled++;
        }
        if (filled > 0) {
            log.info("Search terms filled in for {} topics stored before they were kept", filled);
        }
    }
}
