package org.shangliang.meetings.meeting;

import java.time.Instant;

import org.shangliang.platform.security.CurrentUser;
import org.shangliang.platform.web.PageResponse;
import org.shangliang.platform.web.Pages;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/** How meetings are found: the caller's community's, latest start first. */
@Component
class MeetingQueries {

    private final MongoTemplate mongo;

    MeetingQueries(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** A page of meetings, optionally of one agenda topic and starting in {@code [from, to)} (either end open). */
    PageResponse<Meeting> find(CurrentUser user, String topicId, Instant from, Instant to, int page, int size) {
        Criteria where = user.isStreetLevel() ? new Criteria() : Criteria.where("community").is(user.community());
        if (topicId != null) {
            where = where.and("topicIds").is(topicId);
        }
        if (from != null && to != null) {
            where = where.and("startsAt").gte(from).lt(to);
        } else if (from != null) {
            where = where.and("startsAt").gte(from);
        } else if (to != null) {
            where = where.and("startsAt").lt(to);
        }
        return Pages.find(mongo, new Query(where), Meeting.class, Sort.by(Sort.Direction.DESC, "startsAt"), page, size);
    }
}
