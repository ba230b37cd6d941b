package org.shangliang.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.shangliang.contracts.EventCatalogue;
import org.shangliang.contracts.meeting.MeetingCancelled;
import org.shangliang.contracts.meeting.Resolution;
import org.shangliang.contracts.topic.TopicStatusChanged;
import org.shangliang.contracts.vote.BallotNotOpened;
import org.shangliang.contracts.vote.BallotOutcome;
import org.shangliang.platform.testing.Streams;

/** Every move API.md allows, by request and by the other services' events, and forbidden ones (409). */
class TopicLifecycleTest extends TopicServiceTestSupport {

    @Test
    void aResidentProposesAndIsTheFirstSupporter() {
        var proposer = resident(unique("li.xiulan"));
        var response = proposer.post("/api/topics", """
                {"title": "31号楼3单元加装电梯", "description": "三单元住着九位七十岁以上老人。",
                 "category": "ELEVATOR", "scope": "yuejiang/yuejiang-xincun/31/3"}""");
        assertThat(response.status()).isEqualTo(201);
        assertThat(response.raw().headers().firstValue("Location")).hasValue("/api/topics/" + response.text("id"));
        assertThat(response.text("status")).isEqualTo("PROPOSED");
        assertThat(response.body().get("supportCount").asInt()).isEqualTo(1);
        assertThat(response.body().get("supportThreshold").asInt()).isEqualTo(5);
        assertThat(response.body().get("supportedByMe").asBoolean()).isTrue();
        assertThat(response.text("community")).isEqualTo("yuejiang");
        assertThat(response.text("createdAt")).endsWith("+08:00");
    }

    @Test
    void theProposerWithdrawsOnlyWhileProposedAndOnlyTheProposer() {
        var proposer = resident(unique("zhao.lei"));
        String id = proposer.post("/api/topics", """
                {"title": "楼道堆物清理", "category": "SAFETY", "scope": "yuejiang/yuejiang-xincun/31"}""").text("id");
        assertThat(resident(unique("other")).post("/api/topics/" + id + "/withdrawal", null).status()).isEqualTo(403);
        var withdrawn = proposer.post("/api/topics/" + id + "/withdrawal", null);
        assertThat(withdrawn.status()).isEqualTo(200);
        assertThat(withdrawn.text("status")).isEqualTo("WITHDRAWN");
        var again = proposer.post("/api/topics/" + id + "/withdrawal", null);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.text("currentStatus")).isEqualTo("WITHDRAWN");
    }

    @Test
    void theCommitteeRejectsWithAReason() {
        String id = propose("小区门口摆摊设点", "OTHER");
        assertThat(committee().post("/api/topics/" + id + "/review", "{\"decision\":\"REJECT\"}").status()).isEqualTo(400);
        var rejected = committee().post("/api/topics/" + id + "/review",
                "{\"decision\":\"REJECT\",\"reason\":\"不属于居民自治事项，已转城管部门\"}");
        assertThat(rejected.text("status")).isEqualTo("REJECTED");
        assertThat(rejected.body().get("decision").get("source").asString()).isEqualTo("REVIEW");
        assertThat(rejected.body().get("review").get("reason").asString()).contains("城管");
        assertThat(resident(unique("r")).post("/api/topics/" + id + "/review", "{\"decision\":\"ACCEPT\"}").status())
                .isEqualTo(403);
    }

    @Test
    void consensusThenImplementationCompletionAndRatings() {
        String id = proposeAccepted("31号楼北侧建设非机动车充电棚");
        publish(scheduled("m-" + id, id));
        awaitStatus(id, "IN_DELIBERATION");
        publish(concluded("m-" + id, id, Resolution.CONSENSUS));
        awaitStatus(id, "APPROVED");
        var approved = staff().get("/api/topics/" + id);
        assertThat(approved.body().get("decision").get("source").asString()).isEqualTo("CONSENSUS");
        assertThat(approved.text("meetingId")).isEqualTo("m-" + id);

        var started = staff().post("/api/topics/" + id + "/progress", "{\"percent\": 30, \"note\": \"充电棚基础施工完成\"}");
        assertThat(started.text("status")).isEqualTo("IMPLEMENTING");
        var down = staff().post("/api/topics/" + id + "/progress", "{\"percent\": 20, \"note\": \"回退\"}");
        assertThat(down.status()).isEqualTo(409);
        assertThat(down.body().get("currentPercent").asInt()).isEqualTo(30);
        staff().post("/api/topics/" + id + "/progress", "{\"percent\": 80, \"note\": \"充电桩安装调试\"}");
        var done = staff().post("/api/topics/" + id + "/completion", "{\"note\": \"通过验收，投入使用\"}");
        assertThat(done.text("status")).isEqualTo("COMPLETED");
        assertThat(done.body().get("progress").get("percent").asInt()).isEqualTo(100);
        assertThat(done.body().get("progress").get("updates").size()).isEqualTo(3);

        var rater = resident(unique("chen.fang"));
        assertThat(rater.post("/api/topics/" + id + "/ratings", "{\"stars\": 5, \"comment\": \"再也不用飞线充电了\"}").status())
                .isEqualTo(201);
        assertThat(rater.post("/api/topics/" + id + "/ratings", "{\"stars\": 1}").status()).isEqualTo(409);
        var rated = resident(unique("sun.lihua")).post("/api/topics/" + id + "/ratings", "{\"stars\": 4}");
        assertThat(rated.body().get("satisfaction").get("average").decimalValue()).isEqualByComparingTo("4.50");
        assertThat(rated.body().get("satisfaction").get("count").asInt()).isEqualTo(2);
        assertThat(resident(unique("x")).post("/api/topics/" + id + "/ratings", "{\"stars\": 6}").status()).isEqualTo(400);
        var outsider = new org.shangliang.platform.testing.ApiClient(port, tokens.resident(unique("wu"), "吴", "yuejiang",
                "yuejiang/yuejiang-xincun/32/1/101")).post("/api/topics/" + id + "/ratings", "{\"stars\": 1}");
        assertThat(outsider.status()).as("building 32 is outside the topic's scope").isEqualTo(403);
        assertThat(outsider.text("detail")).contains("只有住在这个议题范围");

        var ratings = resident(unique("y")).get("/api/topics/" + id + "/ratings").body();
        assertThat(ratings.get("ratingCount").asInt()).isEqualTo(2);
        assertThat(ratings.get("distribution").get("5").asInt()).isEqualTo(1);
        assertThat(ratings.get("distribution").get("4").asInt()).isEqualTo(1);
        assertThat(ratings.get("distribution").get("1").asInt()).isZero();
        assertThat(ratings.get("comments")).hasSize(1);
        assertThat(ratings.get("comments").get(0).get("comment").asString()).isEqualTo("再也不用飞线充电了");
        assertThat(ratings.toString()).as("never who rated what").doesNotContain("chen.fang");
        assertThat(resident(unique("z")).post("/api/topics/" + id + "/follow-ups", "{\"note\": \"我来跟进\"}").status())
                .isEqualTo(403);
        assertThat(staff().post("/api/topics/" + id + "/follow-ups", "{\"note\": \"回访十户，充电棚照明已加装\"}").status())
                .isEqualTo(201);
        await().atMost(Duration.ofSeconds(20)).until(() -> staff().get("/api/topics/" + id + "/timeline").body().get("items")
                .valueStream().anyMatch(e -> e.get("kind").asString().equals("FOLLOW_UP_RECORDED")));

        List<TopicStatusChanged> moves = Streams.events(EventCatalogue.TOPIC_STATUS_CHANGED, id, 6, Duration.ofSeconds(20));
        assertThat(moves).extracting(m -> m.from() + ">" + m.to()).containsExactly("PROPOSED>ACCEPTED",
                "ACCEPTED>IN_DELIBERATION", "IN_DELIBERATION>APPROVED", "APPROVED>IMPLEMENTING", "IMPLEMENTING>COMPLETED");
    }

    @Test
    void aVoteDecidesAfterAPutToVoteResolution() {
        String id = proposeAccepted("31号楼3单元加装电梯（表决）");
        publish(scheduled("m-" + id, id));
        awaitStatus(id, "IN_DELIBERATION");
        publish(concluded("m-" + id, id, Resolution.PUT_TO_VOTE));
        publish(opened("b-" + id, "m-" + id, id));
        awaitStatus(id, "VOTING");
        publish(closed("b-" + id, "m-" + id, id, BallotOutcome.APPROVED));
        awaitStatus(id, "APPROVED");
        var decision = committee().get("/api/topics/" + id).body().get("decision");
        assertThat(decision.get("source").asString()).isEqualTo("VOTE");
        assertThat(decision.get("outcome").asString()).isEqualTo("APPROVED");
        assertThat(decision.get("ballotId").asString()).isEqualTo("b-" + id);
    }

    @Test
    void noQuorumRejectsTheTopicWithThatOutcome() {
        String id = proposeAccepted("98号楼外墙保温改造");
        decideByVote(id, BallotOutcome.NO_QUORUM);
        awaitStatus(id, "REJECTED");
        assertThat(committee().get("/api/topics/" + id).body().get("decision").get("outcome").asString())
                .isEqualTo("NO_QUORUM");
    }

    @Test
    void notFeasibleFurtherStudyCancellationAndAnUnopenableBallot() {
        String infeasible = proposeAccepted("地下车库扩建");
        publish(scheduled("m-" + infeasible, infeasible));
        publish(concluded("m-" + infeasible, infeasible, Resolution.NOT_FEASIBLE));
        awaitStatus(infeasible, "REJECTED");

        String study = proposeAccepted("增设晾衣架");
        publish(scheduled("m-" + study, study));
        publish(concluded("m-" + study, study, Resolution.FURTHER_STUDY));
        awaitStatus(study, "ACCEPTED");

        String cancelled = proposeAccepted("垃圾箱房改造");
        publish(scheduled("m-" + cancelled, cancelled));
        awaitStatus(cancelled, "IN_DELIBERATION");
        publish(new MeetingCancelled("m-" + cancelled, "yuejiang", "议事会", List.of(cancelled), "台风预警",
                java.time.Instant.now()));
        awaitStatus(cancelled, "ACCEPTED");

        String unopened = proposeAccepted("楼顶光伏");
        publish(scheduled("m-" + unopened, unopened));
        publish(concluded("m-" + unopened, unopened, Resolution.PUT_TO_VOTE));
        publish(new BallotNotOpened(unopened, "m-" + unopened, "yuejiang", BUILDING_31 + "/3", "NO_FLATS_IN_SCOPE",
                java.time.Instant.now()));
        awaitStatus(unopened, "ACCEPTED");
    }

    @Test
    void movesTheMachineDoesNotAllowAre409WithTheCurrentStatus() {
        String id = proposeAccepted("绿化带补种");
        var review = committee().post("/api/topics/" + id + "/review", "{\"decision\":\"ACCEPT\"}");
        assertThat(review.status()).isEqualTo(409);
        assertThat(review.text("currentStatus")).isEqualTo("ACCEPTED");
        assertThat(review.text("type")).isEqualTo("urn:shangliang:problem:conflict");
        assertThat(review.text("detail")).as("no English piece in Chinese").isEqualTo("议题目前为“已受理”，不能审议");
        assertThat(staff().post("/api/topics/" + id + "/progress", "{\"percent\": 10, \"note\": \"x\"}").status())
                .isEqualTo(409);
        assertThat(staff().post("/api/topics/" + id + "/completion", "{\"note\": \"x\"}").status()).isEqualTo(409);
        assertThat(resident(unique("r")).post("/api/topics/" + id + "/ratings", "{\"stars\": 3}").status()).isEqualTo(409);
        var english = committee().inEnglish().post("/api/topics/" + id + "/review", "{\"decision\":\"REJECT\",\"reason\":\"x\"}");
        assertThat(english.text("detail")).isEqualTo("The topic is accepted; cannot review it");
        assertThat(english.text("title")).isEqualTo("Not allowed in the current state");
    }
}
