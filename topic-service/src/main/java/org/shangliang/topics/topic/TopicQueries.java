package org.shangliang.topics.topic;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
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

    /**
     * What a list asks for; every part may be left out.
     *
     * @param statuses  any of these statuses
     * @param scope     this place or any place below it
     * @param concerns  a home: topics whose scope contains it (the flat, its entrance, building, estate, community)
     * @param words     words that must all be in the title or description (see {@link SearchTerms})
     */
    record Filter(Set<TopicStatus> statuses, TopicCategory category, String scope, String concerns, String words) {
    }

    PageResponse<Topic> find(CurrentUser user, Filter filter, int page, int size) {
        List<Criteria> where = new ArrayList<>();
        if (!user.isStreetLevel()) {
            where.add(Criteria.where("community").is(user.community()));
        }
        if (filter.statuses() != null && !filter.statuses().isEmpty()) {
            where.add(Criteria.where("status").in(filter.statuses()));
        }
        if (filter.category() != null) {
            where.add(Criteria.where("category").is(filter.category()));
        }
        if (filter.scope() != null && !filter.scope().isBlank()) {
            where.add(placeOrBelow(filter.scope().strip()));
        }
        if (filter.concerns() != null) {
            where.add(Criteria.where("scope").in(placesAround(filter.concerns())));
        }
        if (filter.words() != null && !filter.words().isBlank()) {
            List<String> terms = SearchTerms.query(filter.words());
            if (!terms.isEmpty()) {
                where.add(Criteria.where("searchTerms").all(terms));
            } else {
                // nothing but punctuation ("+", "…"): those characters, literally, in the title or description
                Pattern literal = TextMatch.containing(filter.words().strip());
                where.add(new Criteria().orOperator(Criteria.where("title").regex(literal),
                        Criteria.where("description").regex(literal)));
            }
        }
        Query query = where.isEmpty() ? new Query() : new Query(new Criteria().andOperator(where));
        return Pages.find(mongo, query, Topic.class, Sort.by(Sort.Direction.DESC, "createdAt"), page, size);
    }

    /**
     * Topics of the caller's community that a new proposal with this title and scope would repeat:
     * the scope overlaps (the same place, one inside the other) and the title is a near-duplicate
     * ({@link SimilarTitles}); withdrawn and rejected topics do not count. The most alike first, at most {@code limit}.
     */
    List<Topic> similar(CurrentUser user, String title, String scope, int limit) {
        Set<String> terms = SimilarTitles.matterTerms(title);
        if (terms.isEmpty()) {
            return List.of();
        }
        List<Criteria> where = new ArrayList<>();
        if (!user.isStreetLevel()) {
            where.add(Criteria.where("community").is(user.community()));
        }
        where.add(Criteria.where("status").nin(TopicStatus.WITHDRAWN, TopicStatus.REJECTED));
        where.add(Criteria.where("searchTerms").in(terms));
        // the place itself or one it lies in, or one below it
        where.add(new Criteria().orOperator(Criteria.where("scope").in(placesAround(scope.strip())),
                placeOrBelow(scope.strip())));
        Query query = new Query(new Criteria().andOperator(where)).limit(200);
        query.fields().exclude("searchTerms").exclude("outbox");
        record Alike(Topic topic, double similarity) {
        }
        return mongo.find(query, Topic.class).stream()
                .map(t -> new Alike(t, SimilarTitles.similarity(terms, SimilarTitles.matterTerms(t.getTitle()))))
                .filter(a -> a.similarity() >= SimilarTitles.NEAR_DUPLICATE)
                .sorted(Comparator.comparingDouble(Alike::similarity).reversed())
                .limit(limit).map(Alike::topic).toList();
    }

    /** Topics of this place or of any place below it, the place matched literally. */
    private static Criteria placeOrBelow(String place) {
        return Criteria.where("scope").regex(Pattern.compile("^" + TextMatch.containing(place).pattern() + "(/|$)"));
    }

    /** The flat and every place it lies in: yuejiang/yuejiang-xincun/31/3/601, …/31/3, …/31, …/yuejiang-xincun, yuejiang. */
    static List<String> placesAround(String home) {
        List<String> places = new ArrayList<>();
        String place = home;
        while (!place.isEmpty()) {
            places.add(place);
            int slash = place.lastIndexOf('/');
            place = slash < 0 ? "" : place.substring(0, slash);
        }
        return places;
    }
}
