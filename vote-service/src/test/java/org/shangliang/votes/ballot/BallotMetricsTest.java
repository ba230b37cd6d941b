package org.shangliang.votes.ballot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.shangliang.contracts.meeting.BallotRule;
import org.shangliang.infra.Ports;
import org.shangliang.platform.testing.ApiClient;
import org.shangliang.platform.testing.Streams;
import org.shangliang.votes.VoteServiceTestSupport;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The ballot gauges an operator scrapes (issue 16): {@code shangliang_ballots_open} and
 * {@code shangliang_ballot_turnout_ratio}, there from the first scrape and following a ballot as it
 * opens, takes votes and closes. The instance has a database of its own (its application name), so
 * the values are exact: no other test's ballot is open in it. It is closed after the class, so its
 * consumer group reads no other test's meetings afterwards.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.application.name=vote-service-ballot-metrics", "shangliang.outbox.sweep-interval=500ms",
        "shangliang.votes.clock-interval=300ms", "shangliang.events.initial-back-off=50ms",
        "shangliang.votes.turnout-metric-kept=0s"})
@DirtiesContext
class BallotMetricsTest extends VoteServiceTestSupport {

    private String scrape() {
        var answer = new ApiClient(port, null).get("/actuator/prometheus");
        assertThat(answer.status()).isEqualTo(200);
        return answer.raw().body();
    }

    private static double value(String scrape, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + "(?:\\{[^}]*})? (\\S+)$").matcher(scrape);
        assertThat(m.find()).as(series + " exported").isTrue();
        return Double.parseDouble(m.group(1));
    }

    @Test
    void openBallotsAndTurnoutFollowABallotFromOpeningThroughVotesToClosing() {
        String first = scrape();
        assertThat(value(first, "shangliang_ballots_open")).as("there before any ballot").isZero();
        assertThat(value(first, "shangliang_ballot_turnout_ratio")).as("nothing open: 0").isZero();

        String c = community();
        uploadRoll(c, roll(c));
        String topicId = "t-" + UUID.randomUUID();
        Streams.publish(putToVote(c, "m-" + topicId, topicId, c + "/yuejiang-xincun/31/3", BallotRule.CIVIL_CODE_ORDINARY,
                Instant.now().plus(Duration.ofSeconds(25))));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(committee(c)
                .get("/api/ballots?topicId=" + topicId).body().get("items").path(0).path("status").asString(""))
                .isEqualTo("OPEN"));
        String ballotId = committee(c).get("/api/ballots?topicId=" + topicId).body().get("items").get(0).get("id")
                .asString();
        String opened = scrape();
        assertThat(value(opened, "shangliang_ballots_open")).isEqualTo(1);
        assertThat(value(opened, "shangliang_ballot_turnout_ratio")).as("11 holders asked, none voted").isZero();

        // three online votes (王国华's covers his two flats) and one on paper: 4 of the 11 holders
        for (String o : List.of("zhou.jianhua", "wu.meifang", "wang.guohua")) {
            assertThat(owner(c, o).post("/api/ballots/" + ballotId + "/votes", "{\"choice\":\"FOR\"}").status())
                    .isEqualTo(201);
        }
        assertThat(committee(c).post("/api/ballots/" + ballotId + "/offline-votes", """
                {"ownerId": "li.xiulan", "choice": "AGAINST", "channel": "PAPER", "evidence": "纸质表决票 No.031-601"}""")
                .status()).isEqualTo(201);
        String voted = scrape();
        assertThat(value(voted, "shangliang_ballots_open")).isEqualTo(1);
        assertThat(value(voted, "shangliang_ballot_turnout_ratio")).isCloseTo(4.0 / 11, within(1e-9));

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            String closed = scrape();
            assertThat(value(closed, "shangliang_ballots_open")).as("closed by its clock").isZero();
            assertThat(value(closed, "shangliang_ballot_turnout_ratio")).isZero();
        });
    }

    @Test
    void aStoreThatDoesNotAnswerReadsAsNaNNotAsNothingOpen() {
        try (MongoClient unreachable = MongoClients.create("mongodb://127.0.0.1:" + Ports.free()
                + "/?serverSelectionTimeoutMS=300&connectTimeoutMS=300")) {
            var registry = new SimpleMeterRegistry();
            new BallotMetrics(new MongoTemplate(unreachable, "votes"), java.time.Duration.ZERO).bindTo(registry);
            assertThat(registry.get("shangliang.ballots.open").gauge().value()).isNaN();
            assertThat(registry.get("shangliang.ballot.turnout.ratio").gauge().value()).isNaN();
        }
    }
}
