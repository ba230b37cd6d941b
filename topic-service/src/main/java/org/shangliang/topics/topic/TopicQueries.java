package org.shangliang.topics.topic;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.shangliang.contracts.topic.TopicCategory;
import org.shangliang.contracts.topic.TopicStatus;
import org.shangliang.platform.security.CurrentUser;
import org.shangliang.platform.web.PageResponse;
import org.shangliang.platform.web.Pages;
import org.shangliang.platform.web.TextMatch;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/** Lists of topics of the caller's community (every community for street-level staff), newest first. */
@Component
class TopicQueries {

    private final MongoTemplate mongo;

    TopicQueries(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    PageResponse<Topic> find(CurrentUser user, TopicStatus status, TopicCategory category, String scope, String text,
                             int page, int size) {
        List<Criteria> where = new ArrayList<>();
        if (!user.isStreetLevel()) {
            where.add(Criteria.where("community").is(user.community()));
        }
        if (status != null) {
            where.add(Criteria.where("status").is(status));
        }
        if (category != null) {
            where.add(Criteria.where("category").is(category));
        }
        if (scope != null && !scope.isBlank()) {
            // the scope itself or any place below it, matched literally
            String literal = TextMatch.containing(scope.strip()).pattern();
            where.add(Criteria.where("scope").regex(Pattern.compile("^" + literal + "(/|$)")));
        }
        if (text != null && !text.isBlank()) {
            Pattern pattern = TextMatch.containing(text.strip());
            where.add(new Criteria().orOperator(Criteria.where("title").regex(pattern),
                    Criteria.where("description").regex(pattern)));
        }
        Query query = where.isEmpty() ? new Query() : new Query(new Criteria().andOperator(where));
        return Pages.find(mongo, query, Topic.class, Sort.by(Sort.Direction.DESC, "createdAt"), page, size);
    }
}
