package org.shangliang.votes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.shangliang.contracts.EventCatalogue;
import org.shangliang.contracts.meeting.BallotRule;
import org.shangliang.contracts.vote.BallotClosed;
import org.shangliang.contracts.vote.BallotOutcome;
import org.shangliang.platform.testing.ApiClient;
import org.shangliang.platform.testing.Streams;

class BallotTest extends VoteServiceTestSupport {

    private static final List<String> OWNERS = List.of("zhou.jianhua", "wu.meifang", "zheng.haibo", "sun.lihua",
            "zhao.lei", "chen.fang", "huang.zhiqiang", "xu.jing", "wang.guohua", "li.xiulan", "zhang.weimin");

    private String openBallot(String c, String topicId, Instant closesAt) {
        uploadRoll(c, roll(c));
        var concluded = putToVote(c, "m-" + topicId, topicId, c + "/yuejiang-xincun/31/3", BallotRule.CIVIL_CODE_MAJOR,
                closesAt);
        String eventId = UUID.randomUUID().toString();
        Streams.publish(concluded, eventId);
        Streams.publish(concluded, eventId);
        Streams.publish(concluded);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(committee(c)
                .get("/api/ballots?topicId=" + topicId).body().get("items").path(0).path("status").asString("")).isEqualTo("OPEN"));
        var list = committee(c).get("/api/ballots?topicId=" + topicId).body();
        assertThat(list.get("total").asInt()).as("one ballot however often the conclusion arrives").isEqualTo(1);
        return list.get("items").get(0).get("id").asString();
    }

    @Test
    void aBallotOpensOnceFromTheMeetingCountsOwnersOnceAndClosesByItself() {
        String c = community();
        String topicId = "t-" + UUID.randomUUID();
        String ballotId = openBallot(c, topicId, Instant.now().plus(Duration.ofSeconds(15)));

        var ballot = owner(c, "li.xiulan").get("/api/ballots/" + ballotId).body();
        assertThat(ballot.get("electorate").get("owners").asInt()).as("王国华 holds two flats, counted once").isEqualTo(11);
        assertThat(ballot.get("electorate").get("area").decimalValue()).isEqualByComparingTo("765.96");
        assertThat(ballot.get("inElectorate").asBoolean()).isTrue();
        var published = Streams.events(EventCatalogue.BALLOT_ELECTORATE_PUBLISHED, topicId, 1, Duration.ofSeconds(20));
        assertThat(published.get(0).ownerIds()).containsExactlyInAnyOrderElementsOf(OWNERS);

        // nine FOR (王国华's vote covers 501 and 502), one AGAINST on paper, one does not vote
        for (String o : OWNERS.subList(0, 9)) {
            var voted = owner(c, o).post("/api/ballots/" + ballotId + "/votes", "{\"choice\":\"FOR\"}");
            assertThat(voted.status()).isEqualTo(201);
            assertThat(voted.text("receipt")).startsWith("R-");
        }
        var paper = committee(c).post("/api/ballots/" + ballotId + "/offline-votes", """
                {"ownerId": "li.xiulan", "choice": "AGAINST", "channel": "PAPER", "evidence": "纸质表决票 No.031-601"}""");
        assertThat(paper.status()).isEqualTo(201);
        assertThat(owner(c, "li.xiulan").post("/api/ballots/" + ballotId + "/votes", "{\"choice\":\"FOR\"}").status())
                .as("the paper vote counts for the holder").isEqualTo(409);
        var mine = owner(c, "li.xiulan").get("/api/ballots/" + ballotId + "/my-vote");
        assertThat(mine.text("choice")).isEqualTo("AGAINST");
        assertThat(mine.text("channel")).isEqualTo("PAPER");

        assertThat(liveTurnout(owner(c, "zhang.weimin"), ballotId)).isEqualTo(10);
        var live = owner(c, "zhang.weimin").get("/api/ballots/" + ballotId).body();
        assertThat(live.get("turnout").get("owners").asInt()).isEqualTo(10);
        assertThat(live.toString()).doesNotContain("\"FOR\"", "\"AGAINST\"", "choice");
        var listed = owner(c, "zhang.weimin").get("/api/ballots?topicId=" + topicId).body().get("items").get(0);
        assertThat(listed.get("turnout").get("owners").asInt()).as("the list shows the same live turnout").isEqualTo(10);
        assertThat(listed.get("inElectorate").asBoolean()).isTrue();
        assertThat(listed.get("voted").asBoolean()).as("张为民 has not voted").isFalse();
        assertThat(owner(c, "li.xiulan").get("/api/ballots?topicId=" + topicId).body().get("items").get(0).get("voted")
                .asBoolean()).as("her paper vote counts").isTrue();
        assertThat(committee(c).get("/api/ballots?topicId=" + topicId).body().get("items").get(0).get("inElectorate")
                .asBoolean()).as("the committee member holds no flat here").isFalse();
        assertThat(owner(c, "li.xiulan").get("/api/ballots/" + ballotId + "/result").status()).isEqualTo(409);

        await().atMost(Duration.ofSeconds(40)).untilAsserted(() ->
                assertThat(owner(c, "li.xiulan").get("/api/ballots/" + ballotId).text("status")).isEqualTo("CLOSED"));
        var result = owner(c, "zhang.weimin").get("/api/ballots/" + ballotId + "/result").body();
        assertThat(result.get("quorumMet").asBoolean()).isTrue();
        assertThat(result.get("participating").get("owners").asInt()).isEqualTo(10);
        assertThat(result.get("votedFor").get("owners").asInt()).isEqualTo(9);
        assertThat(result.get("votedFor").get("area").decimalValue()).isEqualByComparingTo("638.30");
        assertThat(result.get("votedAgainst").get("owners").asInt()).isEqualTo(1);
        assertThat(result.get("votedFor").get("ownersRatio").decimalValue()).isEqualByComparingTo("0.9000");
        assertThat(result.get("outcome").asString()).isEqualTo("APPROVED");
        assertThat(result.get("topicTitle").asString()).as("what the vote was about, by name").isEqualTo("31号楼3单元加装电梯");
        // what each ratio is a share of, and the bars of the rule it was held against
        assertThat(result.get("participating").get("of").asString()).isEqualTo("ELECTORATE");
        assertThat(result.get("votedFor").get("of").asString()).isEqualTo("PARTICIPATING");
        assertThat(result.get("quorum").get("fraction").asString()).isEqualTo("2/3");
        assertThat(result.get("quorum").get("ratio").decimalValue()).isEqualByComparingTo("0.6667");
        assertThat(result.get("quorum").get("comparison").asString()).isEqualTo("AT_LEAST");
        assertThat(result.get("quorum").get("of").asString()).isEqualTo("ELECTORATE");
        assertThat(result.get("quorum").get("measures").valueStream().map(m -> m.asString())).containsExactly("AREA", "OWNERS");
        assertThat(result.get("approval").get("fraction").asString()).isEqualTo("3/4");
        assertThat(result.get("approval").get("of").asString()).isEqualTo("PARTICIPATING");
        assertThat(owner(c, "zhang.weimin").post("/api/ballots/" + ballotId + "/votes", "{\"choice\":\"FOR\"}").status())
                .isEqualTo(409);

        List<BallotClosed> closed = Streams.events(EventCatalogue.BALLOT_CLOSED, topicId, 2, Duration.ofSeconds(5));
        assertThat(closed).hasSize(1);
        assertThat(closed.get(0).outcome()).isEqualTo(BallotOutcome.APPROVED);
        assertThat(closed.get(0).votedFor().owners()).isEqualTo(9);
        var everyVoteEvent = Streams.read("shangliang.votes", r -> topicId.equals(r.key()), 50, Duration.ofSeconds(3));
        assertThat(everyVoteEvent).allSatisfy(r -> assertThat(new String(r.value(), StandardCharsets.UTF_8))
                .doesNotContain("choice").doesNotContain("\"FOR\"").doesNotContain("receipt"));
    }

    @Test
    void twentySimultaneousVotesOfOneHolderCountOnce() throws Exception {
        String c = community();
        String ballotId = openBallot(c, "t-" + UUID.randomUUID(), Instant.now().plus(Duration.ofMinutes(5)));
        ApiClient wang = owner(c, "wang.guohua");
        var pool = Executors.newFixedThreadPool(20);
        List<Callable<Integer>> votes = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String choice = i % 2 == 0 ? "FOR" : "AGAINST";
            votes.add(() -> wang.post("/api/ballots/" + ballotId + "/votes", "{\"choice\":\"" + choice + "\"}").status());
        }
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> f : pool.invokeAll(votes)) {
            statuses.add(f.get());
        }
        pool.shutdown();
        assertThat(statuses.stream().filter(s -> s == 201).count()).isEqualTo(1);
        assertThat(statuses.stream().filter(s -> s == 409).count()).isEqualTo(19);
        assertThat(liveTurnout(wang, ballotId)).isEqualTo(1);
    }

    @Test
    void outsidersAre403AndOtherCommunitiesSeeNothing() {
        String c = community();
        String ballotId = openBallot(c, "t-" + UUID.randomUUID(), Instant.now().plus(Duration.ofMinutes(5)));
        var tenant = owner(c, "tenant.yang");
        assertThat(tenant.post("/api/ballots/" + ballotId + "/votes", "{\"choice\":\"FOR\"}").status()).isEqualTo(403);
        assertThat(tenant.get("/api/ballots/" + ballotId + "/my-vote").status()).isEqualTo(403);
        assertThat(owner(community(), "zhao.lei").get("/api/ballots/" + ballotId).status()).isEqualTo(404);
        assertThat(committee(c).post("/api/ballots/" + ballotId + "/offline-votes", """
                {"ownerId": "nobody", "choice": "FOR", "channel": "DOOR_TO_DOOR", "evidence": "入户记录"}""").status())
                .isEqualTo(400);
        assertThat(committee(c).post("/api/ballots/" + ballotId + "/offline-votes", """
                {"ownerId": "zhao.lei", "choice": "FOR", "channel": "FAX", "evidence": ""}""").status()).isEqualTo(400);
        assertThat(owner(c, "zhao.lei").post("/api/ballots/" + ballotId + "/offline-votes", """
                {"ownerId": "zhao.lei", "choice": "FOR", "channel": "PAPER", "evidence": "x"}""").status()).isEqualTo(403);
        assertThat(owner(c, "zhao.lei").post("/api/ballots/" + ballotId + "/votes", "{\"choice\":\"MAYBE\"}").status())
                .isEqualTo(400);
    }

    @Test
    void replacingTheRollNeverChangesAnOpenBallot() {
        String c = community();
        String ballotId = openBallot(c, "t-" + UUID.randomUUID(), Instant.now().plus(Duration.ofMinutes(5)));
        uploadRoll(c, "flat,ownerId,ownerName,area,holder\n" + c + "/yuejiang-xincun/31/3/101,someone.else,某人,66.20,某人\n");
        var ballot = owner(c, "zhao.lei").get("/api/ballots/" + ballotId).body();
        assertThat(ballot.get("electorate").get("owners").asInt()).isEqualTo(11);
        assertThat(owner(c, "zhao.lei").post("/api/ballots/" + ballotId + "/votes", "{\"choice\":\"ABSTAIN\"}").status())
                .isEqualTo(201);
    }

    @Test
    void aScopeWithoutFlatsOpensNoBallotAndSaysWhy() {
        String c = community();
        uploadRoll(c, roll(c));
        String topicId = "t-" + UUID.randomUUID();
        Streams.publish(putToVote(c, "m-" + topicId, topicId, c + "/yuejiang-xincun/98", BallotRule.CIVIL_CODE_ORDINARY,
                Instant.now().plus(Duration.ofDays(7))));
        var notOpened = Streams.events(EventCatalogue.BALLOT_NOT_OPENED, topicId, 1, Duration.ofSeconds(20));
        assertThat(notOpened).hasSize(1);
        assertThat(notOpened.get(0).reason()).isEqualTo("NO_FLATS_IN_SCOPE");
        assertThat(committee(c).get("/api/ballots?topicId=" + topicId).body().get("items").path(0).path("status").asString(""))
                .isEqualTo("NOT_OPENED");
    }

    @Test
    void ownersWhoHaveNotVotedAreAnnounced24HoursBeforeClosingOnce() {
        String c = community();
        String topicId = "t-" + UUID.randomUUID();
        String ballotId = openBallot(c, topicId, Instant.now().plus(Duration.ofHours(24)).plus(Duration.ofSeconds(4)));
        owner(c, "zhao.lei").post("/api/ballots/" + ballotId + "/votes", "{\"choice\":\"FOR\"}");
        var reminders = Streams.events(EventCatalogue.BALLOT_REMINDER_DUE, topicId, 1, Duration.ofSeconds(30));
        assertThat(reminders).hasSize(1);
        assertThat(reminders.get(0).ownerIds()).hasSize(10).doesNotContain("zhao.lei").contains("li.xiulan");
        assertThat(Streams.events(EventCatalogue.BALLOT_REMINDER_DUE, topicId, 2, Duration.ofSeconds(3))).hasSize(1);
    }
}
