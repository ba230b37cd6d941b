package org.shangliang.votes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.shangliang.contracts.EventCatalogue;
import org.shangliang.contracts.meeting.BallotRule;
import org.shangliang.contracts.meeting.Resolution;
import org.shangliang.contracts.meeting.Outcome;
import org.shangliang.contracts.meeting.MeetingConcluded;
import org.shangliang.contracts.meeting.CostShareSpec;
import org.shangliang.contracts.meeting.BallotSpec;
import org.shangliang.platform.testing.Streams;
import tools.jackson.databind.JsonNode;

/** The grid workers' and committee's tools on an open ballot: canvass, offline votes by flat or holder, extend, remind. */
class DoorToDoorTest extends VoteServiceTestSupport {

    private String openBallot(String c, String topicId, Instant closesAt) {
        uploadRoll(c, roll(c));
        Streams.publish(putToVote(c, "m-" + topicId, topicId, c + "/yuejiang-xincun/31", BallotRule.CIVIL_CODE_MAJOR,
                closesAt));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(committee(c)
                .get("/api/ballots?topicId=" + topicId).body().get("items").path(0).path("status").asString("")).isEqualTo("OPEN"));
        return committee(c).get("/api/ballots?topicId=" + topicId).body().get("items").get(0).get("id").asString();
    }

    @Test
    void theCommitteeSeesWhoHasNotVotedFlatByFlatAndRecordsDoorToDoorVotesForOwnersWithoutAccounts() {
        String c = community();
        String entrance = c + "/yuejiang-xincun/31/3";
        String ballotId = openBallot(c, "t-" + UUID.randomUUID(), Instant.now().plus(Duration.ofDays(7)));

        var before = committee(c).get("/api/ballots/" + ballotId + "/electorate?within=" + entrance).body();
        assertThat(before.get("owners").get("owners").asInt()).isEqualTo(11);
        assertThat(before.get("owners").get("notYet").asInt()).isEqualTo(11);
        JsonNode flats = before.get("buildings").get(0).get("entrances").get(0).get("flats");
        assertThat(flats).hasSize(12);
        assertThat(flats.get(0).get("flat").asString()).endsWith("/101");
        assertThat(flats.get(8).get("holder").asString()).isEqualTo("王国华");
        assertThat(flats.get(9).get("holder").asString()).as("502 is 王国华's too").isEqualTo("王国华");

        assertThat(owner(c, "zhou.jianhua").post("/api/ballots/" + ballotId + "/votes", "{\"choice\":\"FOR\"}").status())
                .isEqualTo(201);
        var byFlat = committee(c).post("/api/ballots/" + ballotId + "/offline-votes", """
                {"flat": "%s/601", "choice": "AGAINST", "channel": "DOOR_TO_DOOR", "evidence": "入户征询表 31-3-601，网格员钱芸"}"""
                .formatted(entrance));
        assertThat(byFlat.status()).as(byFlat.body().toString()).isEqualTo(201);
        assertThat(byFlat.text("holder")).isEqualTo("李秀兰");
        assertThat(byFlat.text("receipt")).startsWith("R-");
        var byHolder = staff(c).post("/api/ballots/" + ballotId + "/offline-votes", """
                {"holder": "王国华", "choice": "FOR", "channel": "PAPER", "evidence": "纸质表决票 No.031-3-501"}""");
        assertThat(byHolder.status()).isEqualTo(201);
        assertThat(byHolder.body().get("flats")).hasSize(2);
        assertThat(owner(c, "li.xiulan").post("/api/ballots/" + ballotId + "/votes", "{\"choice\":\"FOR\"}").status())
                .as("the door-to-door vote counts for her").isEqualTo(409);
        var again = committee(c).post("/api/ballots/" + ballotId + "/offline-votes", """
                {"flat": "%s/502", "choice": "AGAINST", "channel": "ON_SITE", "evidence": "现场"}""".formatted(entrance));
        assertThat(again.status()).as("502 is the same holder as 501").isEqualTo(409);
        assertThat(again.text("holder")).isEqualTo("王国华");

        var after = committee(c).get("/api/ballots/" + ballotId + "/electorate?within=" + entrance).body();
        assertThat(after.get("owners").get("voted").asInt()).isEqualTo(3);
        assertThat(after.get("owners").get("notYet").asInt()).isEqualTo(8);
        assertThat(after.get("owners").get("byChannel").get("ONLINE").asInt()).isEqualTo(1);
        assertThat(after.get("owners").get("byChannel").get("DOOR_TO_DOOR").asInt()).isEqualTo(1);
        assertThat(after.get("owners").get("byChannel").get("PAPER").asInt()).isEqualTo(1);
        var entranceRow = after.get("buildings").get(0).get("entrances").get(0);
        assertThat(entranceRow.get("votedCount").asInt()).as("101, 501, 502, 601").isEqualTo(4);
        assertThat(after.toString()).doesNotContain("AGAINST", "\"FOR\"", "choice", "receipt", "evidence");

        var wholeScope = committee(c).get("/api/ballots/" + ballotId + "/electorate").body();
        assertThat(wholeScope.get("within").asString()).isEqualTo(c + "/yuejiang-xincun/31");
        assertThat(wholeScope.get("flatsListed").asBoolean()).isTrue();
    }

    @Test
    void badOfflineVotesAndPlacesGetProblemsNamingTheField() {
        String c = community();
        String ballotId = openBallot(c, "t-" + UUID.randomUUID(), Instant.now().plus(Duration.ofDays(7)));
        var unknownFlat = committee(c).post("/api/ballots/" + ballotId + "/offline-votes", """
                {"flat": "%s/yuejiang-xincun/31/3/9901", "choice": "FOR", "channel": "PAPER", "evidence": "纸质票"}"""
                .formatted(c));
        assertThat(unknownFlat.status()).isEqualTo(400);
        assertThat(unknownFlat.body().get("errors").get(0).get("field").asString()).isEqualTo("flat");
        assertThat(unknownFlat.text("detail")).contains("9901").contains("不在本次表决");
        var two = committee(c).post("/api/ballots/" + ballotId + "/offline-votes", """
                {"flat": "%s/yuejiang-xincun/31/3/101", "holder": "周建华", "choice": "FOR", "channel": "PAPER",
                 "evidence": "纸质票"}""".formatted(c));
        assertThat(two.status()).isEqualTo(400);
        assertThat(two.text("detail")).contains("只填一项");
        var online = committee(c).post("/api/ballots/" + ballotId + "/offline-votes", """
                {"holder": "周建华", "choice": "FOR", "channel": "ONLINE", "evidence": "x"}""");
        assertThat(online.status()).isEqualTo(400);
        var outside = committee(c).get("/api/ballots/" + ballotId + "/electorate?within=" + c + "/yuejiang-xincun/32");
        assertThat(outside.status()).isEqualTo(400);
        assertThat(outside.body().get("errors").get(0).get("field").asString()).isEqualTo("within");
        assertThat(owner(c, "zhou.jianhua").get("/api/ballots/" + ballotId + "/electorate").status()).isEqualTo(403);
        assertThat(committee(community()).get("/api/ballots/" + ballotId + "/electorate").status()).isEqualTo(404);
    }

    @Test
    void anOpenBallotIsExtendedWithAReasonEveryoneHearsOfAndNonVotersAreRemindedOnDemand() {
        String c = community();
        String topicId = "t-" + UUID.randomUUID();
        Instant closes = Instant.now().plus(Duration.ofDays(7)).truncatedTo(ChronoUnit.SECONDS);
        String ballotId = openBallot(c, topicId, closes);
        owner(c, "zhao.lei").post("/api/ballots/" + ballotId + "/votes", "{\"choice\":\"FOR\"}");

        var earlier = committee(c).post("/api/ballots/" + ballotId + "/extension", """
                {"closesAt": "%s", "reason": "提前结束"}""".formatted(OffsetDateTime.ofInstant(closes.minusSeconds(3_600),
                java.time.ZoneOffset.ofHours(8))));
        assertThat(earlier.status()).isEqualTo(400);
        assertThat(earlier.body().get("errors").get(0).get("field").asString()).isEqualTo("closesAt");
        assertThat(committee(c).post("/api/ballots/" + ballotId + "/extension", """
                {"closesAt": "2027-01-01T20:00:00+08:00"}""").status()).as("a reason is required").isEqualTo(400);
        assertThat(owner(c, "zhao.lei").post("/api/ballots/" + ballotId + "/extension", """
                {"closesAt": "2027-01-01T20:00:00+08:00", "reason": "我想多几天"}""").status()).isEqualTo(403);

        Instant later = closes.plus(Duration.ofDays(7));
        var extended = committee(c).post("/api/ballots/" + ballotId + "/extension", """
                {"closesAt": "%s", "reason": "春节期间不少业主在外地，延长一周便于入户征询"}""".formatted(
                OffsetDateTime.ofInstant(later, java.time.ZoneOffset.ofHours(8))));
        assertThat(extended.status()).as(extended.body().toString()).isEqualTo(200);
        assertThat(OffsetDateTime.parse(extended.text("closesAt")).toInstant()).isEqualTo(later);
        assertThat(extended.text("closesAt")).endsWith("+08:00");
        assertThat(extended.body().get("extensions").get(0).get("reason").asString()).contains("春节");
        var events = Streams.events(EventCatalogue.BALLOT_EXTENDED, topicId, 1, Duration.ofSeconds(20));
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.previousClosesAt()).isEqualTo(closes);
            assertThat(e.closesAt()).isEqualTo(later);
        });

        var reminded = staff(c).post("/api/ballots/" + ballotId + "/reminders", "");
        assertThat(reminded.status()).isEqualTo(201);
        assertThat(reminded.body().get("owners").asInt()).isEqualTo(10);
        var reminders = Streams.events(EventCatalogue.BALLOT_REMINDER_DUE, topicId, 1, Duration.ofSeconds(20));
        assertThat(reminders.get(0).ownerIds()).hasSize(10).doesNotContain("zhao.lei");
        assertThat(reminders.get(0).closesAt()).as("the reminder names the new closing time").isEqualTo(later);
        var tooSoon = committee(c).post("/api/ballots/" + ballotId + "/reminders", "");
        assertThat(tooSoon.status()).isEqualTo(409);
        assertThat(tooSoon.text("nextReminderAt")).endsWith("+08:00");
        List<Integer> statuses = new ArrayList<>();
        statuses.add(committee(c).inEnglish().post("/api/ballots/" + ballotId + "/reminders", "").status());
        assertThat(statuses).containsOnly(409);
    }

    @Test
    void aBallotWithoutQuorumIsHeldAgainOnceWithTheSameProposal() {
        String c = community();
        String topicId = "t-" + UUID.randomUUID();
        String first = openBallot(c, topicId, Instant.now().plus(Duration.ofSeconds(4)));
        owner(c, "zhao.lei").post("/api/ballots/" + first + "/votes", "{\"choice\":\"FOR\"}");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(committee(c).get("/api/ballots/" + first).text("status")).isEqualTo("CLOSED"));
        assertThat(committee(c).get("/api/ballots/" + first + "/result").text("outcome")).isEqualTo("NO_QUORUM");

        String closes = OffsetDateTime.now(java.time.ZoneOffset.ofHours(8)).plusDays(7).truncatedTo(ChronoUnit.SECONDS).toString();
        assertThat(staff(c).post("/api/ballots/" + first + "/rerun", "{\"closesAt\": \"" + closes + "\"}").status())
                .as("the committee decides to vote again").isEqualTo(403);
        var again = committee(c).post("/api/ballots/" + first + "/rerun", "{\"closesAt\": \"" + closes + "\"}");
        assertThat(again.status()).as(again.body().toString()).isEqualTo(201);
        String second = again.text("id");
        assertThat(second).isNotEqualTo(first);
        assertThat(again.body().get("round").asInt()).isEqualTo(2);
        assertThat(again.text("rerunOf")).isEqualTo(first);
        assertThat(again.text("proposal")).isEqualTo("按楼层分摊费用加装电梯");
        assertThat(again.text("status")).as("opens now with the current roll").isEqualTo("OPEN");
        assertThat(committee(c).get("/api/ballots/" + first).text("rerunBy")).isEqualTo(second);
        var twice = committee(c).post("/api/ballots/" + first + "/rerun", "{\"closesAt\": \"" + closes + "\"}");
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.text("rerunBy")).isEqualTo(second);
        assertThat(committee(c).post("/api/ballots/" + second + "/rerun", "{\"closesAt\": \"" + closes + "\"}").status())
                .as("an open ballot is not held again").isEqualTo(409);
        assertThat(owner(c, "zhao.lei").post("/api/ballots/" + second + "/votes", "{\"choice\":\"FOR\"}").status())
                .as("every owner votes anew").isEqualTo(201);
        assertThat(Streams.events(EventCatalogue.BALLOT_OPENED, topicId, 2, Duration.ofSeconds(20))).hasSize(2);
    }

    private static MeetingConcluded liftWithTable(String c, String topicId, String... coefficients) {
        List<CostShareSpec.FloorCoefficient> table = new ArrayList<>();
        for (int i = 0; i < coefficients.length; i++) {
            table.add(new CostShareSpec.FloorCoefficient(i + 1, new BigDecimal(coefficients[i])));
        }
        return new MeetingConcluded("m-" + topicId, c, "31号楼加装电梯协商议事会", List.of(topicId), List.of(new Outcome(topicId,
                c + "/yuejiang-xincun/31/3", Resolution.PUT_TO_VOTE, "3单元加装电梯，费用按楼层系数分摊", null,
                new BallotSpec(BallotRule.CIVIL_CODE_MAJOR, null, Instant.now().plus(Duration.ofDays(14))),
                new CostShareSpec(new BigDecimal("360000.00"), table))), "committee", Instant.now());
    }

    @Test
    void anElevatorBallotShowsEachFlatsShareOfTheCostAndOpensOnlyWhenTheTableCoversEveryFloor() {
        String c = community();
        String entrance = c + "/yuejiang-xincun/31/3";
        uploadRoll(c, roll(c));
        var floors = committee(c).get("/api/rolls/" + c + "/floors?within=" + entrance).body();
        assertThat(floors.get("floors")).hasSize(6);
        assertThat(floors.get("floors").get(5).get("flats").asInt()).isEqualTo(2);
        assertThat(committee(c).get("/api/rolls/" + c + "/floors?within=elsewhere/1").status()).isEqualTo(400);

        String lift = "t-" + UUID.randomUUID();
        Streams.publish(liftWithTable(c, lift, "0", "0.6", "0.8", "1", "1.2", "1.4"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(committee(c)
                .get("/api/ballots?topicId=" + lift).body().get("items").path(0).path("status").asString("")).isEqualTo("OPEN"));
        String ballotId = committee(c).get("/api/ballots?topicId=" + lift).body().get("items").get(0).get("id").asString();

        var mine = owner(c, "wang.guohua").get("/api/ballots/" + ballotId).body();
        // weights 2 × (0 + 0.6 + 0.8 + 1 + 1.2 + 1.4) = 10: one unit is 36,000 yuan
        assertThat(mine.get("costShare").get("remainderRule").asString()).isEqualTo("LARGEST_REMAINDER_HIGHER_FLOOR_FIRST");
        assertThat(mine.get("costShare").get("floors").get(0).get("share").decimalValue()).isEqualByComparingTo("0");
        assertThat(mine.get("costShare").get("floors").get(5).get("share").decimalValue()).isEqualByComparingTo("50400.00");
        assertThat(mine.get("myShare").get("flats")).hasSize(2);
        assertThat(mine.get("myShare").get("total").decimalValue()).as("501 and 502: 43,200 each").isEqualByComparingTo("86400.00");
        var sheet = committee(c).get("/api/ballots/" + ballotId + "/electorate?within=" + entrance).body();
        assertThat(sheet.get("buildings").get(0).get("entrances").get(0).get("flats").get(2).get("share").decimalValue())
                .as("201").isEqualByComparingTo("21600.00");

        String short_ = "t-" + UUID.randomUUID();
        Streams.publish(liftWithTable(c, short_, "0", "0.6", "0.8", "1", "1.2"));
        var notOpened = Streams.events(EventCatalogue.BALLOT_NOT_OPENED, short_, 1, Duration.ofSeconds(20)).get(0);
        assertThat(notOpened.reason()).as("floor 6 is not in the table").isEqualTo("COST_SHARE_FLOORS_NOT_COVERED");
    }

    @Test
    void anOwnerIsToldOfAVoteRecordedForHerContestsItAndTheCommitteeVoidsItSoSheVotesHerself() {
        String c = community();
        String topicId = "t-" + UUID.randomUUID();
        String entrance = c + "/yuejiang-xincun/31/3";
        String ballotId = openBallot(c, topicId, Instant.now().plus(Duration.ofDays(7)));

        assertThat(staff(c).post("/api/ballots/" + ballotId + "/offline-votes", """
                {"flat": "%s/601", "choice": "AGAINST", "channel": "PAPER", "evidence": "纸质表决票 31-3-601"}"""
                .formatted(entrance)).status()).isEqualTo(201);
        var recorded = Streams.events(EventCatalogue.OFFLINE_VOTE_RECORDED, topicId, 1, Duration.ofSeconds(20)).get(0);
        assertThat(recorded.ownerId()).isEqualTo("li.xiulan");
        assertThat(recorded.recordedBy()).isEqualTo("staff." + c);
        assertThat(recorded.channel()).isEqualTo("PAPER");
        assertThat(recorded.evidence()).isEqualTo("纸质表决票 31-3-601");

        var mine = owner(c, "li.xiulan").get("/api/ballots/" + ballotId + "/my-vote").body();
        assertThat(mine.get("recordedBy").asString()).isEqualTo("staff." + c);
        assertThat(owner(c, "zhou.jianhua").post("/api/ballots/" + ballotId + "/votes", "{\"choice\":\"FOR\"}").status())
                .isEqualTo(201);
        assertThat(owner(c, "zhou.jianhua").post("/api/ballots/" + ballotId + "/my-vote/contest",
                "{\"reason\": \"我自己投的\"}").status()).as("one's own online vote").isEqualTo(409);

        var contest = owner(c, "li.xiulan").post("/api/ballots/" + ballotId + "/my-vote/contest",
                "{\"reason\": \"我没有在表决票上签过字\"}");
        assertThat(contest.status()).isEqualTo(201);
        assertThat(contest.body().get("contest").get("status").asString()).isEqualTo("PENDING");
        assertThat(owner(c, "li.xiulan").post("/api/ballots/" + ballotId + "/my-vote/contest",
                "{\"reason\": \"再说一次\"}").status()).as("once").isEqualTo(409);
        assertThat(Streams.events(EventCatalogue.OFFLINE_VOTE_CONTESTED, topicId, 1, Duration.ofSeconds(20)).get(0)
                .reason()).isEqualTo("我没有在表决票上签过字");

        var records = committee(c).get("/api/ballots/" + ballotId + "/offline-votes").body();
        assertThat(records.get("pendingContests").asInt()).isEqualTo(1);
        assertThat(records.get("records").get(0).get("recordedBy").asString()).isEqualTo("staff." + c);
        assertThat(records.toString()).doesNotContain("AGAINST", "choice", "receipt");
        assertThat(staff(c).post("/api/ballots/" + ballotId + "/contest-resolutions", """
                {"holder": "李秀兰", "decision": "VOID", "reason": "核对签字"}""").status()).as("the committee resolves")
                .isEqualTo(403);

        var voided = committee(c).post("/api/ballots/" + ballotId + "/contest-resolutions", """
                {"holder": "李秀兰", "decision": "VOID", "reason": "表决票上的签字不是本人所写"}""");
        assertThat(voided.status()).as(voided.body().toString()).isEqualTo(200);
        assertThat(voided.body().get("voided").get(0).get("voidedBy").asString()).isEqualTo("committee." + c);
        assertThat(voided.body().get("voided").get(0).get("recordedBy").asString()).isEqualTo("staff." + c);
        var resolved = Streams.events(EventCatalogue.OFFLINE_VOTE_CONTEST_RESOLVED, topicId, 1, Duration.ofSeconds(20))
                .get(0);
        assertThat(resolved.decision()).isEqualTo("VOIDED");
        assertThat(committee(c).post("/api/ballots/" + ballotId + "/contest-resolutions", """
                {"holder": "李秀兰", "decision": "UPHOLD", "reason": "again"}""").status()).isEqualTo(409);

        assertThat(owner(c, "li.xiulan").post("/api/ballots/" + ballotId + "/votes", "{\"choice\":\"FOR\"}").status())
                .as("she votes herself now").isEqualTo(201);
        assertThat(owner(c, "li.xiulan").get("/api/ballots/" + ballotId + "/my-vote").body().get("channel").asString())
                .isEqualTo("ONLINE");
        assertThat(liveTurnout(committee(c), ballotId)).as("周建华 and 李秀兰, the voided vote not counted twice")
                .isEqualTo(2);
    }
}
