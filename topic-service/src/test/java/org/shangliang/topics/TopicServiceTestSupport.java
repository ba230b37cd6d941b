package org.shangliang.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.shangliang.contracts.meeting.BallotRule;
import org.shangliang.contracts.meeting.BallotSpec;
import org.shangliang.contracts.meeting.MeetingConcluded;
import org.shangliang.contracts.meeting.MeetingFormat;
import org.shangliang.contracts.meeting.MeetingScheduled;
import org.shangliang.contracts.meeting.Outcome;
import org.shangliang.contracts.meeting.Resolution;
import org.shangliang.contracts.vote.BallotClosed;
import org.shangliang.contracts.vote.BallotOpened;
import org.shangliang.contracts.vote.BallotOutcome;
import org.shangliang.contracts.vote.RollUploaded;
import org.shangliang.contracts.vote.Tally;
import org.shangliang.infra.SharedInfrastructure;
import org.shangliang.infra.TestTokens;
import org.shangliang.platform.testing.ApiClient;
import org.shangliang.platform.testing.Streams;
import org.shangliang.topics.place.PlaceBook;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;

/** topic-service on a random port against the real broker and store; users of 越江社区 and 八厂社区. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"shangliang.outbox.sweep-interval=500ms", "shangliang.events.initial-back-off=50ms"})
@ContextConfiguration(initializers = SharedInfrastructure.class)
public abstract class TopicServiceTestSupport {

    protected static final String BUILDING_31 = "yuejiang/yuejiang-xincun/31";
    protected final TestTokens tokens = TestTokens.shared();

    @LocalServerPort
    protected int port;

    @Autowired
    protected PlaceBook places;

    /** 越江新村's buildings 31 (entrances 1–3) and 98 (entrance 1), as the community's roll would say. */
    private static final RollUploaded YUEJIANG_ROLL = new RollUploaded("yuejiang", "r-yuejiang", 16, 16, List.of(
            new RollUploaded.Place("yuejiang/yuejiang-xincun", "越江新村"),
            new RollUploaded.Place(BUILDING_31, null),
            new RollUploaded.Place(BUILDING_31 + "/1", null),
            new RollUploaded.Place(BUILDING_31 + "/2", null),
            new RollUploaded.Place(BUILDING_31 + "/3", null),
            new RollUploaded.Place("yuejiang/yuejiang-xincun/98", null),
            new RollUploaded.Place("yuejiang/yuejiang-xincun/98/1", null)), "qian.yun", Instant.parse("2026-01-05T01:00:00Z"));

    /** Makes 越江社区's places known, as if its roll had been uploaded (the committee proposes for places beyond a home). */
    protected void yuejiangHasItsRoll() {
        places.keep(YUEJIANG_ROLL);
    }

    protected ApiClient resident(String id) {
        return new ApiClient(port, tokens.resident(id, "居民" + id, "yuejiang", BUILDING_31 + "/3/" + Math.abs(id.hashCode() % 600)));
    }

    protected ApiClient committee() {
        return new ApiClient(port, tokens.token("wang.jianguo", "王建国", List.of("COMMITTEE"), "yuejiang", null));
    }

    protected ApiClient staff() {
        return new ApiClient(port, tokens.token("qian.yun", "钱芸", List.of("STAFF"), "yuejiang", null));
    }

    protected ApiClient streetStaff() {
        return new ApiClient(port, tokens.token("shen.wenbin", "沈文斌", List.of("STAFF"), "*", null));
    }

    protected ApiClient bachangResident() {
        return new ApiClient(port, tokens.resident("liu.dehai", "刘德海", "bachang", "bachang/yijiaqiao-xincun/5/2/302"));
    }

    protected static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Proposes a topic as a new resident; returns its id. */
    protected String propose(String title, String category) {
        var response = resident(unique("proposer")).post("/api/topics", """
                {"title": "%s", "description": "楼里老人多，上下楼困难，希望加装电梯。", "category": "%s", "scope": "%s/3"}
                """.formatted(title, category, BUILDING_31));
        assertThat(response.status()).isEqualTo(201);
        return response.text("id");
    }

    protected String proposeAccepted(String title) {
        String id = propose(title, "ELEVATOR");
        assertThat(committee().post("/api/topics/" + id + "/review", "{\"decision\":\"ACCEPT\"}").status()).isEqualTo(200);
        return id;
    }

    protected void awaitStatus(String topicId, String status) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(committee().get("/api/topics/" + topicId).text("status")).isEqualTo(status));
    }

    protected static MeetingScheduled scheduled(String meetingId, String... topicIds) {
        Instant starts = Instant.now().plus(Duration.ofDays(3));
        return new MeetingScheduled(meetingId, "yuejiang", "31号楼协商议事会", List.of(topicIds), starts,
                starts.plus(Duration.ofHours(2)), "越江社区党群服务中心", MeetingFormat.IN_PERSON, 40, List.of(),
                "wang.jianguo", Instant.now());
    }

    protected static MeetingConcluded concluded(String meetingId, String topicId, Resolution resolution) {
        BallotSpec ballot = resolution == Resolution.PUT_TO_VOTE
                ? new BallotSpec(BallotRule.CIVIL_CODE_MAJOR, null, Instant.now().plus(Duration.ofDays(7))) : null;
        return new MeetingConcluded(meetingId, "yuejiang", "31号楼协商议事会", List.of(topicId),
                List.of(new Outcome(topicId, BUILDING_31 + "/3", resolution, "按楼层分摊费用", resolution == Resolution.NOT_FEASIBLE
                        ? "井道位置与消防通道冲突" : null, ballot)), "wang.jianguo", Instant.now());
    }

    protected static BallotOpened opened(String ballotId, String meetingId, String topicId) {
        return new BallotOpened(ballotId, topicId, meetingId, "yuejiang", BUILDING_31 + "/3", BallotRule.CIVIL_CODE_MAJOR,
                "按楼层分摊费用", Instant.now(), Instant.now().plus(Duration.ofDays(7)),
                new Tally(12, new java.math.BigDecimal("804.16")), 1);
    }

    protected static BallotClosed closed(String ballotId, String meetingId, String topicId, BallotOutcome outcome) {
        var electorate = new Tally(12, new java.math.BigDecimal("804.16"));
        var participating = outcome == BallotOutcome.NO_QUORUM ? new Tally(5, new java.math.BigDecimal("330.00"))
                : new Tally(11, new java.math.BigDecimal("740.06"));
        return new BallotClosed(ballotId, topicId, meetingId, "yuejiang", BallotRule.CIVIL_CODE_MAJOR, outcome,
                outcome != BallotOutcome.NO_QUORUM, electorate, participating, participating,
                new Tally(0, java.math.BigDecimal.ZERO), new Tally(0, java.math.BigDecimal.ZERO), Instant.now());
    }

    /** A meeting for the topic puts it to the vote, and the ballot opens and closes with this outcome. */
    protected static void decideByVote(String topicId, BallotOutcome outcome) {
        publish(scheduled("m-" + topicId, topicId));
        publish(concluded("m-" + topicId, topicId, Resolution.PUT_TO_VOTE));
        publish(opened("b-" + topicId, "m-" + topicId, topicId));
        publish(closed("b-" + topicId, "m-" + topicId, topicId, outcome));
    }

    protected static String publish(org.shangliang.contracts.IntegrationEvent event) {
        return Streams.publish(event);
    }
}
