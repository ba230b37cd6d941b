package org.shangliang.topics.dashboard;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.bson.Document;
import org.bson.conversions.Bson;
import org.shangliang.platform.security.CurrentUser;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Figures for the committee and staff ({@code GET /api/dashboard}), computed by the database: counts by status and category,
 * the median days from proposal to decision, the turnout of closed ballots and satisfaction.
 */
@Component
class DashboardFigures {

    record Turnout(long ballots, long participatingOwners, long electorateOwners, BigDecimal ownersRatio,
                   BigDecimal participatingArea, BigDecimal electorateArea, BigDecimal areaRatio) {
    }

    record Satisfaction(BigDecimal average, long count) {
    }

    record Dashboard(String community, long topics, Map<String, Long> byStatus, Map<String, Long> byCategory,
                     long decided, BigDecimal medianDaysToDecision, Turnout turnout, Satisfaction satisfaction) {
    }

    private static final long DAY_MILLIS = 86_400_000L;

    private final MongoTemplate mongo;

    DashboardFigures(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** The figures of the caller's community (every community for street-level staff), in two aggregations. */
    Dashboard of(CurrentUser user) {
        Document match = user.isStreetLevel() ? new Document() : new Document("community", user.community());
        List<Bson> pipeline = List.of(new Document("$match", match), new Document("$facet", new Document()
                .append("byStatus", List.of(group("$status")))
                .append("byCategory", List.of(group("$category")))
                .append("decided", List.of(new Document("$match", new Document("decisionMillis",
                        new Document("$ne", null))), new Document("$count", "n")))
                .append("turnout", List.of(new Document("$match", new Document("turnout", new Document("$ne", null))),
                        new Document("$group", new Document("_id", null)
                                .append("ballots", new Document("$sum", 1))
                                .append("participatingOwners", new Document("$sum", "$turnout.participatingOwners"))
                                .append("electorateOwners", new Document("$sum", "$turnout.electorateOwners"))
                                .append("participatingArea", new Document("$sum", "$turnout.participatingAreaCents"))
                                .append("electorateArea", new Document("$sum", "$turnout.electorateAreaCents")))))
                .append("satisfaction", List.of(new Document("$match", new Document("ratingCount",
                        new Document("$gt", 0))), new Document("$group", new Document("_id", null)
                        .append("stars", new Document("$sum", "$ratingSum"))
                        .append("count", new Document("$sum", "$ratingCount")))))));
        Document facets = mongo.getCollection("topics").aggregate(pipeline).first();

        Map<String, Long> byStatus = counts(facets, "byStatus");
        Map<String, Long> byCategory = counts(facets, "byCategory");
        long topics = byStatus.values().stream().mapToLong(Long::longValue).sum();
        long decided = first(facets, "decided").map(d -> number(d, "n")).orElse(0L);
        Turnout turnout = first(facets, "turnout").map(d -> new Turnout(number(d, "ballots"),
                number(d, "participatingOwners"), number(d, "electorateOwners"),
                ratio(number(d, "participatingOwners"), number(d, "electorateOwners")),
                BigDecimal.valueOf(number(d, "participatingArea"), 2), BigDecimal.valueOf(number(d, "electorateArea"), 2),
                ratio(number(d, "participatingArea"), number(d, "electorateArea")))).orElse(null);
        Satisfaction satisfaction = first(facets, "satisfaction").map(d -> new Satisfaction(
                BigDecimal.valueOf(number(d, "stars")).divide(BigDecimal.valueOf(number(d, "count")), 2,
                        RoundingMode.HALF_UP), number(d, "count"))).orElse(null);
        return new Dashboard(user.isStreetLevel() ? "*" : user.community(), topics, byStatus, byCategory, decided,
                median(match, decided), turnout, satisfaction);
    }

    /** The median by the database: sorted by duration, the middle one (or the two middle ones) only. */
    private BigDecimal median(Document match, long decided) {
        if (decided == 0) {
            return null;
        }
        Document decidedOnly = new Document(match).append("decisionMillis", new Document("$ne", null));
        List<Long> middle = new ArrayList<>();
        mongo.getCollection("topics").aggregate(List.of(new Document("$match", decidedOnly),
                new Document("$sort", new Document("decisionMillis", 1)), new Document("$skip", (decided - 1) / 2),
                new Document("$limit", decided % 2 == 0 ? 2 : 1),
                new Document("$project", new Document("decisionMillis", 1)))).forEach(d -> middle.add(number(d, "decisionMillis")));
        long sum = middle.stream().mapToLong(Long::longValue).sum();
        return BigDecimal.valueOf(sum).divide(BigDecimal.valueOf(middle.size() * DAY_MILLIS), 1, RoundingMode.HALF_UP);
    }

    private static Document group(String field) {
        return new Document("$group", new Document("_id", field).append("count", new Document("$sum", 1)));
    }

    private static Map<String, Long> counts(Document facets, String name) {
        Map<String, Long> counts = new TreeMap<>();
        for (Document d : facets.getList(name, Document.class, List.of())) {
            counts.put(String.valueOf(d.get("_id")), number(d, "count"));
        }
        return counts;
    }

    private static Optional<Document> first(Document facets, String name) {
        List<Document> list = facets.getList(name, Document.class, List.of());
        return list.isEmpty() ? Optional.empty() : Optional.of(list.get(0));
    }

    private static long number(Document d, String field) {
        Object value = d.get(field);
        return value == null ? 0 : ((Number) value).longValue();
    }

    private static BigDecimal ratio(long part, long whole) {
        return whole == 0 ? null : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_UP);
    }
}
