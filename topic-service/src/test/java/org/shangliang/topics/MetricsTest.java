package org.shangliang.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.shangliang.platform.testing.ApiClient;

/**
 * What an operator scrapes from {@code /actuator/prometheus} (issue 12 item 7, issue 16 item 1): latency
 * histograms per route, supports accepted, the outbox's backlog and what it published, consumer lag
 * per stream. Unauthenticated on the service's own port; the gateway never routes {@code /actuator}.
 */
class MetricsTest extends TopicServiceTestSupport {

    private String scrape() {
        var answer = new ApiClient(port, null).get("/actuator/prometheus");
        assertThat(answer.status()).isEqualTo(200);
        return answer.raw().body();
    }

    private static double value(String scrape, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + "(?:\\{[^}]*})? ([0-9.eE+-]+)$").matcher(scrape);
        double total = 0;
        while (m.find()) {
            total += Double.parseDouble(m.group(1));
        }
        return total;
    }

    @Test
    void supportsOutboxLatencyAndConsumerLagAreExported() {
        double supportsBefore = value(scrape(), "shangliang_supports_accepted_total");
        double publishedBefore = value(scrape(), "shangliang_outbox_published_total");
        String c = unique("c");
        var proposer = new ApiClient(port, tokens.resident(unique("r"), "李秀兰", c, c + "/xincun/31/3/601"));
        String id = proposer.post("/api/topics", """
                {"title": "31号楼加装电梯", "category": "ELEVATOR", "scope": "%s/xincun/31"}""".formatted(c)).text("id");
        for (int i = 0; i < 3; i++) {
            var neighbour = new ApiClient(port, tokens.resident(unique("n"), "邻居", c, c + "/xincun/31/3/50" + i));
            assertThat(neighbour.post("/api/topics/" + id + "/supports", null).status()).isEqualTo(201);
        }

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            String scrape = scrape();
            assertThat(value(scrape, "shangliang_supports_accepted_total") - supportsBefore).isEqualTo(3);
            assertThat(value(scrape, "shangliang_outbox_published_total") - publishedBefore)
                    .as("proposed and three supports published").isGreaterThanOrEqualTo(4);
            assertThat(value(scrape, "shangliang_outbox_backlog")).as("nothing left waiting").isZero();
            assertThat(value(scrape, "shangliang_outbox_oldest_age_seconds")).isZero();
            assertThat(scrape).contains("http_server_requests_seconds_bucket{")
                    .contains("uri=\"/api/topics/{id}/supports\"").contains("application=\"topic-service\"")
                    // the consumer's lag (per stream and partition as kafka_consumer_fetch_manager_records_lag once
                    // Micrometer's Kafka binder has refreshed its list of the client's metrics, within a minute)
                    .as("consumer lag").contains("kafka_consumer_fetch_manager_records_lag_max{");
        });
    }
}
