package org.shangliang.topics;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.bson.Document;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.shangliang.platform.testing.ApiClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The dashboard over 10,000 topics of one community, computed by the store. Prints figures, asserts
 * none about time. Run: ./mvnw -pl topic-service test -Dbenchmarks
 */
@Tag("benchmark")
class DashboardBenchmarkTest extends TopicServiceTestSupport {

    @Autowired
    MongoTemplate mongo;

    @Test
    void dashboardOfTenThousandTopics() {
        String community = "bench" + System.nanoTime() % 100_000;
        String[] statuses = {"PROPOSED", "ACCEPTED", "IN_DELIBERATION", "VOTING", "APPROVED", "REJECTED", "IMPLEMENTING",
                "COMPLETED", "WITHDRAWN"};
        String[] categories = {"ELEVATOR", "EV_CHARGING", "PARKING", "GREENERY", "SANITATION", "SAFETY",
                "PROPERTY_SERVICE", "PUBLIC_FACILITY", "OTHER"};
        Random random = new Random(7);
        List<Document> topics = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            String status = statuses[random.nextInt(statuses.length)];
            Document d = new Document("_id", community + "-" + i).append("community", community).append("status", status)
                    .append("category", categories[random.nextInt(categories.length)])
                    .append("createdAt", new java.util.Date());
            if (List.of("APPROVED", "REJECTED", "IMPLEMENTING", "COMPLETED").contains(status)) {
                d.append("decisionMillis", (long) random.nextInt(90) * 86_400_000L + random.nextInt(86_400_000));
                if (random.nextBoolean()) {
                    d.append("turnout", new Document("participatingOwners", 8L + random.nextInt(4))
                            .append("electorateOwners", 12L).append("participatingAreaCents", 60_000L + random.nextInt(20_000))
                            .append("electorateAreaCents", 80_416L));
                }
            }
            if (status.equals("COMPLETED")) {
                d.append("ratingSum", 3 + random.nextInt(12)).append("ratingCount", 3);
            }
            topics.add(d);
        }
        long inserting = System.nanoTime();
        mongo.getCollection("topics").insertMany(topics);
        System.out.printf("%ninserted 10,000 topics in %d ms%n", (System.nanoTime() - inserting) / 1_000_000);

        var committee = new ApiClient(port, tokens.token("bench.committee", "基准", List.of("COMMITTEE"), community, null));
        for (int i = 0; i < 5; i++) {
            committee.get("/api/dashboard");
        }
        List<Long> millis = new ArrayList<>();
        ApiClient.Response last = null;
        for (int i = 0; i < 20; i++) {
            long t0 = System.nanoTime();
            last = committee.get("/api/dashboard");
            millis.add((System.nanoTime() - t0) / 1_000_000);
        }
        millis.sort(Long::compare);
        System.out.printf("GET /api/dashboard over 10,000 topics: median %d ms, max %d ms (20 calls after 5 warm-up)%n%s%n",
                millis.get(10), millis.get(19), last.body());
    }
}
