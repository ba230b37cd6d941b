package org.shangliang.platform.web;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;

/** One page of a query's documents with the total count, as API.md's paged lists show them. */
public final class Pages {

    private Pages() {
    }

    public static <T> PageResponse<T> find(MongoTemplate mongo, Query query, Class<T> type, Sort sort, int page, int size) {
        long total = mongo.count(query, type);
        return new PageResponse<>(mongo.find(Query.of(query).with(sort).skip((long) page * size).limit(size), type),
                page, size, total);
    }
}
