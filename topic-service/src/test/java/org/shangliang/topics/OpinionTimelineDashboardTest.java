package org.shangliang.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.shangliang.contracts.meeting.Resolution;
import org.shangliang.contracts.vote.BallotOutcome;

class OpinionTimelineDashboardTest extends TopicServiceTestSupport {

    @Test
    void opinionsAreListedNewestFirstWithCountsUntilTheTopicIsDecided() throws Exception {
        String id = proposeAccepted("31号楼加装电梯意见征集");
        var low = resident(unique("zhou.jianhua"));
        assertThat(low.post("/api/topics/" + id + "/opinions", "{\"stance\":\"CONCERN\",\"content\":\"一楼采光会受影响\"}")
                .status()).isEqualTo(201);
        Thread.sleep(5);
        resident(unique("li")).post("/api/topics/" + id + "/opinions", "{\"stance\":\"SUPPORT\",\"content\":\"六楼老人盼了十年\"}");
        Thread.sleep(5);
        staff().post("/api/topics/" + id + "/opinions", "{\"stance\":\"SUGGESTION\",\"content\":\"低层住户可减免分摊费用\"}");
        assertThat(low.post("/api/topics/" + id + "/opinions", "{\"stance\":\"MAYBE\",\"content\":\"\"}").status()).isEqualTo(400);

        var page = low.get("/api/topics/" + id + "/opinions");
        assertThat(page.body().get("items").valueStream().map(o -> o.get("stance").asString()).toList())
                .containsExactly("SUGGESTION", "SUPPORT", "CONCERN");
        assertThat(page.body().get("counts").get("CONCERN").asLong()).isEqualTo(1);
        assertThat(page.body().get("counts").get("OPPOSE").asLong()).isZero();
        assertThat(page.body().get("total").asLong()).isEqualTo(3);

        publish(scheduled("m-" + id, id));
        publish(concluded("m-" + id, id, Resolution.CONSENSUS));
        awaitStatus(id, "APPROVED");
        var late = low.post("/api/topics/" + id + "/opinions", "{\"stance\":\"OPPOSE\",\"content\":\"太晚了\"}");
        assertThat(late.status()).isEqualTo(409);
    }

    @Test
    void theTimelineShowsEveryStepFromEveryStreamOldestFirst() {
        String id = propose("31号楼3单元加装电梯（时间线）", "ELEVATOR");
        for (int i = 0; i < 3; i++) {
            resident(unique("s" + i)).post("/api/topics/" + id + "/supports", null);
        }
        resident(unique("o")).post("/api/topics/" + id + "/opinions", "{\"stance\":\"SUPPORT\",\"content\":\"同意\"}");
        committee().post("/api/topics/" + id + "/review", "{\"decision\":\"ACCEPT\"}");
        publish(scheduled("m-" + id, id));
        awaitStatus(id, "IN_DELIBERATION");
        publish(concluded("m-" + id, id, Resolution.PUT_TO_VOTE));
        publish(opened("b-" + id, "m-" + id, id));
        awaitStatus(id, "VOTING");
        publish(closed("b-" + id, "m-" + id, id, BallotOutcome.APPROVED));
        awaitStatus(id, "APPROVED");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            var items = staff().get("/api/topics/" + id + "/timeline").body().get("items");
            var kinds = items.valueStream().map(s -> s.get("kind").asString()).toList();
            assertThat(kinds).containsSubsequence("PROPOSED", "SUPPORTED", "OPINION_POSTED", "STATUS_CHANGED",
                    "MEETING_SCHEDULED", "MEETING_CONCLUDED", "BALLOT_OPENED", "BALLOT_CLOSED");
            var supports = items.valueStream().filter(s -> s.get("kind").asString().equals("SUPPORTED")).toList();
            assertThat(supports).hasSize(1);
            assertThat(supports.get(0).get("count").asInt()).isEqualTo(3);
            var closed = items.valueStream().filter(s -> s.get("kind").asString().equals("BALLOT_CLOSED")).findFirst().orElseThrow();
            assertThat(closed.get("details").get("outcome").asString()).isEqualTo("APPROVED");
            assertThat(closed.get("details").get("participating").get("owners").asInt()).isEqualTo(11);
            assertThat(closed.get("details").get("participating").get("area").isNumber()).as("numbers as numbers").isTrue();
            assertThat(closed.get("details").get("participating").get("area").decimalValue()).isEqualByComparingTo("740.06");
            assertThat(closed.has("actorName")).as("the ballot closed by itself").isFalse();
            var review = items.valueStream().filter(s -> s.get("kind").asString().equals("STATUS_CHANGED")).findFirst()
                    .orElseThrow();
            assertThat(review.get("actor").asString()).isEqualTo("wang.jianguo");
            assertThat(review.get("actorName").asString()).as("people by their names").isEqualTo("王建国");
            assertThat(items.get(0).get("actorName").asString()).startsWith("居民proposer-");
            var deliberation = items.valueStream().filter(s -> s.get("kind").asString().equals("STATUS_CHANGED")
                    && s.get("details").get("to").asString().equals("IN_DELIBERATION")).findFirst().orElseThrow();
            assertThat(deliberation.get("details").get("because").asString()).isEqualTo("MEETING_SCHEDULED");
            assertThat(deliberation.has("actor")).as("no person acted: the meeting was scheduled").isFalse();
        });
    }

    @Test
    void theDashboardCountsTheCommunitysTopicsForCommitteeAndStaffOnly() {
        String decided = proposeAccepted("仪表盘：充电棚");
        decideByVote(decided, BallotOutcome.APPROVED);
        awaitStatus(decided, "APPROVED");

        var dashboard = committee().get("/api/dashboard");
        assertThat(dashboard.status()).isEqualTo(200);
        var body = dashboard.body();
        assertThat(body.get("community").asString()).isEqualTo("yuejiang");
        assertThat(body.get("topics").asLong()).isPositive();
        assertThat(body.get("byStatus").get("APPROVED").asLong()).isPositive();
        assertThat(body.get("byCategory").get("ELEVATOR").asLong()).isPositive();
        assertThat(body.get("decided").asLong()).isPositive();
        assertThat(body.get("medianDaysToDecision").decimalValue()).isNotNegative();
        assertThat(body.get("turnout").get("ballots").asLong()).isPositive();
        assertThat(body.get("turnout").get("ownersRatio").decimalValue()).isBetween(java.math.BigDecimal.ZERO,
                java.math.BigDecimal.ONE);
        assertThat(resident(unique("r")).get("/api/dashboard").status()).isEqualTo(403);
        assertThat(streetStaff().get("/api/dashboard").body().get("community").asString()).isEqualTo("*");
        assertThat(new org.shangliang.platform.testing.ApiClient(port, tokens.token("ma.lihong", "马丽红",
                java.util.List.of("COMMITTEE"), "bachang", null)).get("/api/dashboard").body().get("byStatus")
                .has("APPROVED")).isFalse();
    }
}
