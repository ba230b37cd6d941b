package org.shangliang.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The journeys of issue 8, through the gateway only, against the packaged local stack (real processes). */
class JourneysIT {

    private static final List<String> OWNERS_31_3 = List.of("zhou.jianhua", "wu.meifang", "zheng.haibo", "sun.lihua",
            "zhao.lei", "chen.fang", "huang.zhiqiang", "xu.jing", "wang.guohua", "li.xiulan", "zhang.weimin");

    private final RunningStack stack;
    private final Gateway api;

    JourneysIT() throws Exception {
        stack = RunningStack.get();
        api = new Gateway(stack);
    }

    private String propose(String user, String title, String category, String scope) {
        var answer = api.post(user, "/api/topics", """
                {"title": "%s", "description": "居民提出的议题", "category": "%s", "scope": "%s"}""".formatted(title, category, scope));
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(201);
        return answer.text("id");
    }

    private void awaitStatus(String topic, String status) {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(api.get("wang.jianguo", "/api/topics/" + topic).text("status")).isEqualTo(status));
    }

    /** A topic accepted a moment ago may need a second before the meeting-service can schedule it (409 until then). */
    private String schedule(List<String> topics, String location, Duration startIn) {
        String body = """
                {"title": "e2e 协商议事会", "topicIds": [%s], "startsAt": "%s", "endsAt": "%s", "location": "%s",
                 "format": "IN_PERSON", "capacity": 30,
                 "participants": [{"name": "王建国", "userId": "wang.jianguo", "affiliation": "RESIDENT_REP"},
                                  {"name": "陆晓峰", "affiliation": "PROPERTY_COMPANY"}]}
                """.formatted(String.join(",", topics.stream().map(t -> "\"" + t + "\"").toList()), Gateway.in(startIn),
                Gateway.in(startIn.plusHours(2)), location);
        Gateway.Answer[] answer = new Gateway.Answer[1];
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            answer[0] = api.post("wang.jianguo", "/api/meetings", body);
            return answer[0].status() != 409;
        });
        assertThat(answer[0].status()).as(answer[0].body().toString()).isEqualTo(201);
        return answer[0].text("id");
    }

    private JsonNode ballotOf(String topic) {
        await().atMost(Duration.ofSeconds(60)).until(() ->
                api.get("zhao.lei", "/api/ballots?topicId=" + topic).body().get("total").asInt() == 1);
        return api.get("zhao.lei", "/api/ballots?topicId=" + topic).body().get("items").get(0);
    }

    private List<JsonNode> inbox(String user) {
        List<JsonNode> all = new ArrayList<>();
        api.get(user, "/api/notifications?size=100").body().get("items").forEach(all::add);
        return all;
    }

    private List<JsonNode> inboxAbout(String user, String topic) {
        return inbox(user).stream().filter(n -> topic.equals(n.path("topicId").asString(""))).toList();
    }

    @Test
    void journey1AndJourney4TheElevatorFromProposalToRatingWithTheNotificationServiceKilledHalfWay() throws Exception {
        api.confirmedEmail("li.xiulan", "li.xiulan@yuejiang.example");
        String topic = propose("li.xiulan", "31号楼3单元加装电梯（旅程一）", "ELEVATOR", "yuejiang/yuejiang-xincun/31/3");
        for (String neighbour : List.of("zhang.weimin", "wang.guohua", "huang.zhiqiang", "xu.jing")) {
            assertThat(api.post(neighbour, "/api/topics/" + topic + "/supports", null).status()).isEqualTo(201);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> inboxAbout("wang.jianguo", topic).stream()
                .anyMatch(n -> n.get("type").asString().equals("TOPIC_THRESHOLD_REACHED")));
        assertThat(api.post("wang.jianguo", "/api/topics/" + topic + "/review", "{\"decision\":\"ACCEPT\"}").status()).isEqualTo(200);

        String meeting = schedule(List.of(topic), "31号楼架空层（旅程一）", Duration.ofSeconds(6));
        awaitStatus(topic, "IN_DELIBERATION");

        // journey 4: the notification-service dies (kill -9) in the middle and comes back
        long killed = stack.pid("notification-service");
        ProcessHandle.of(killed).orElseThrow().destroyForcibly();
        for (String resident : List.of("chen.fang", "zhao.lei")) {
            assertThat(api.post(resident, "/api/meetings/" + meeting + "/registrations", null).status()).isEqualTo(201);
        }
        Thread.sleep(6_500);
        assertThat(api.post("wang.jianguo", "/api/meetings/" + meeting + "/minutes", """
                {"summary": "低层住户关心采光，高层住户愿多承担费用", "opinions": [
                  {"speaker": "周建华", "affiliation": "RESIDENT_REP", "content": "一楼采光受影响，希望少分摊"}]}""").status())
                .isEqualTo(200);
        var concluded = api.post("wang.jianguo", "/api/meetings/" + meeting + "/conclusion", """
                {"outcomes": [{"topicId": "%s", "resolution": "PUT_TO_VOTE", "proposal": "按楼层分摊费用加装电梯",
                               "ballot": {"rule": "CIVIL_CODE_MAJOR", "closesAt": "%s"}}]}""".formatted(topic, Gateway.in(Duration.ofSeconds(45))));
        assertThat(concluded.status()).as(concluded.body().toString()).isEqualTo(200);

        JsonNode ballot = ballotOf(topic);
        String ballotId = ballot.get("id").asString();
        await().atMost(Duration.ofSeconds(30)).until(() -> api.get("zhao.lei", "/api/ballots/" + ballotId).text("status").equals("OPEN"));
        awaitStatus(topic, "VOTING");
        await().atMost(Duration.ofSeconds(60)).until(() -> stack.healthy("notification-service") && stack.pid("notification-service") != killed);

        for (String owner : OWNERS_31_3) {
            if (owner.equals("li.xiulan")) {
                continue;
            }
            String choice = owner.equals("zhang.weimin") ? "AGAINST" : "FOR";
            assertThat(api.post(owner, "/api/ballots/" + ballotId + "/votes", "{\"choice\":\"" + choice + "\"}").status())
                    .as(owner).isEqualTo(201);
        }
        assertThat(api.post("wang.jianguo", "/api/ballots/" + ballotId + "/offline-votes", """
                {"ownerId": "li.xiulan", "choice": "FOR", "channel": "DOOR_TO_DOOR", "evidence": "入户表决记录 31-3-601"}""")
                .status()).isEqualTo(201);
        assertThat(api.get("li.xiulan", "/api/ballots/" + ballotId + "/my-vote").text("recordedBy")).isEqualTo("wang.jianguo");
        // she did not give that vote: she contests it, the committee voids it (audited), she votes herself
        assertThat(api.post("li.xiulan", "/api/ballots/" + ballotId + "/my-vote/contest",
                "{\"reason\": \"那天我不在家，入户表决记录不是我签的\"}").status()).isEqualTo(201);
        assertThat(api.get("wang.jianguo", "/api/ballots/" + ballotId + "/offline-votes").body().get("pendingContests")
                .asInt()).isEqualTo(1);
        var voided = api.post("wang.jianguo", "/api/ballots/" + ballotId + "/contest-resolutions", """
                {"holder": "李秀兰", "decision": "VOID", "reason": "核实签字不是本人所写，请业主本人投票"}""");
        assertThat(voided.status()).as(voided.body().toString()).isEqualTo(200);
        assertThat(voided.body().get("voided").get(0).get("recordedBy").asString()).isEqualTo("wang.jianguo");
        assertThat(api.post("li.xiulan", "/api/ballots/" + ballotId + "/votes", "{\"choice\":\"FOR\"}").status())
                .isEqualTo(201);
        assertThat(api.get("li.xiulan", "/api/ballots/" + ballotId + "/my-vote").text("channel")).isEqualTo("ONLINE");

        await().atMost(Duration.ofSeconds(90)).until(() -> api.get("zhao.lei", "/api/ballots/" + ballotId).text("status").equals("CLOSED"));
        var result = api.get("zhao.lei", "/api/ballots/" + ballotId + "/result").body();
        assertThat(result.get("outcome").asString()).isEqualTo("APPROVED");
        assertThat(result.get("quorumMet").asBoolean()).isTrue();
        assertThat(result.get("electorate").get("owners").asInt()).isEqualTo(11);
        assertThat(result.get("votedFor").get("owners").asInt()).isEqualTo(10);
        assertThat(result.get("votedFor").get("area").decimalValue()).isEqualByComparingTo("704.50");
        awaitStatus(topic, "APPROVED");
        assertThat(api.get("li.xiulan", "/api/topics/" + topic).body().get("decision").get("source").asString()).isEqualTo("VOTE");

        api.post("qian.yun", "/api/topics/" + topic + "/progress", "{\"percent\": 50, \"note\": \"井道施工完成\"}");
        api.post("qian.yun", "/api/topics/" + topic + "/completion", "{\"note\": \"电梯验收合格，投入使用\"}");
        assertThat(api.post("zhang.weimin", "/api/topics/" + topic + "/ratings", "{\"stars\": 5, \"comment\": \"六楼老人终于能下楼了\"}")
                .status()).isEqualTo(201);
        awaitStatus(topic, "COMPLETED");

        var timeline = api.get("qian.yun", "/api/topics/" + topic + "/timeline").body().get("items");
        assertThat(timeline.valueStream().map(s -> s.get("kind").asString()).toList()).containsSubsequence("PROPOSED",
                "SUPPORTED", "STATUS_CHANGED", "MEETING_SCHEDULED", "MINUTES_RECORDED", "MEETING_CONCLUDED",
                "BALLOT_OPENED", "BALLOT_CLOSED", "PROGRESS_RECORDED", "COMPLETED", "RATED");
        var dashboard = api.get("wang.jianguo", "/api/dashboard").body();
        assertThat(dashboard.get("byStatus").get("COMPLETED").asInt()).isPositive();
        assertThat(dashboard.get("turnout").get("ballots").asInt()).isPositive();

        // every notification exactly once, although the notification-service was killed half-way
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(inboxAbout("li.xiulan", topic).stream()
                .map(n -> n.get("type").asString()).toList()).contains("MEETING_SCHEDULED", "MEETING_CONCLUDED",
                "BALLOT_OPENED", "OFFLINE_VOTE_RECORDED", "OFFLINE_VOTE_CONTEST_RESOLVED", "BALLOT_CLOSED",
                "TOPIC_COMPLETED"));
        assertThat(inboxAbout("wang.jianguo", topic).stream().map(n -> n.get("type").asString()).toList())
                .contains("OFFLINE_VOTE_CONTESTED");
        for (String user : List.of("li.xiulan", "zhang.weimin", "chen.fang", "wang.jianguo", "zhou.jianhua")) {
            Set<String> seen = new HashSet<>();
            for (JsonNode n : inboxAbout(user, topic)) {
                assertThat(seen.add(n.get("type").asString() + "|" + n.get("title").asString() + "|" + n.get("body").asString()))
                        .as(user + " got " + n.get("title").asString() + " twice").isTrue();
            }
        }
        List<String> statusMoves = inboxAbout("li.xiulan", topic).stream()
                .filter(n -> n.get("type").asString().equals("TOPIC_STATUS_CHANGED")).map(n -> n.get("title").asString()).toList();
        // one notice per step: moves caused by the meeting, the ballot or completion are told by their own notices
        // (表决中 may come too: the service was killed, and after it the topics stream may be read before the votes stream)
        assertThat(String.join(" ", statusMoves)).contains("已受理").contains("实施中").doesNotContain("协商中")
                .doesNotContain("已通过").doesNotContain("已完成");
        assertThat(statusMoves).hasSizeBetween(2, 3);
        assertThat(inboxAbout("chen.fang", topic).stream().map(n -> n.get("type").asString()).toList())
                .contains("MEETING_CONCLUDED", "BALLOT_OPENED", "BALLOT_CLOSED");
        // e-mail is sent after in-app, with back-off, by a service that was killed half-way: give it time on a busy machine
        int notices = inboxAbout("li.xiulan", topic).size();
        await().atMost(Duration.ofSeconds(120)).until(() -> api.mail().valueStream()
                .filter(m -> m.get("to").asString().contains("li.xiulan@yuejiang.example")).count() >= notices);
        assertThat(api.mail().valueStream().filter(m -> m.get("to").asString().contains("li.xiulan@yuejiang.example")
                && m.get("subject").asString().startsWith("表决结果")).findFirst().orElseThrow().get("body").asString())
                .as("a readable e-mail naming the topic, its figures and the page").contains("业主表决已结束")
                .contains("同意").contains("查看详情：http://").contains("/ballots/");
    }

    @Test
    void journey2AChargingShedDecidedByConsensusWithoutABallot() {
        String topic = propose("chen.fang", "31号楼南侧增设充电桩（旅程二）", "EV_CHARGING", "yuejiang/yuejiang-xincun/31");
        api.post("wang.jianguo", "/api/topics/" + topic + "/review", "{\"decision\":\"ACCEPT\"}");
        String meeting = schedule(List.of(topic), "社区活动室（旅程二）", Duration.ofSeconds(4));
        await().atMost(Duration.ofSeconds(30)).until(() -> api.post("wang.jianguo", "/api/meetings/" + meeting + "/conclusion", """
                {"outcomes": [{"topicId": "%s", "resolution": "CONSENSUS", "proposal": "南侧增设8个充电桩"}]}""".formatted(topic))
                .status() == 200);
        awaitStatus(topic, "APPROVED");
        var decision = api.get("chen.fang", "/api/topics/" + topic).body().get("decision");
        assertThat(decision.get("source").asString()).isEqualTo("CONSENSUS");
        assertThat(api.get("chen.fang", "/api/ballots?topicId=" + topic).body().get("total").asInt()).isZero();
    }

    @Test
    void journey3ABallotWithoutQuorumRejectsTheTopic() {
        String topic = propose("zhao.lei", "31号楼3单元外墙涂料翻新（旅程三）", "PROPERTY_SERVICE", "yuejiang/yuejiang-xincun/31/3");
        api.post("wang.jianguo", "/api/topics/" + topic + "/review", "{\"decision\":\"ACCEPT\"}");
        String meeting = schedule(List.of(topic), "31号楼门厅（旅程三）", Duration.ofSeconds(4));
        await().atMost(Duration.ofSeconds(30)).until(() -> api.post("wang.jianguo", "/api/meetings/" + meeting + "/conclusion", """
                {"outcomes": [{"topicId": "%s", "resolution": "PUT_TO_VOTE", "proposal": "使用维修资金翻新外墙",
                               "ballot": {"rule": "CIVIL_CODE_ORDINARY", "closesAt": "%s"}}]}"""
                .formatted(topic, Gateway.in(Duration.ofSeconds(20)))).status() == 200);
        String ballotId = ballotOf(topic).get("id").asString();
        await().atMost(Duration.ofSeconds(30)).until(() -> api.get("zhao.lei", "/api/ballots/" + ballotId).text("status").equals("OPEN"));
        api.post("zhao.lei", "/api/ballots/" + ballotId + "/votes", "{\"choice\":\"FOR\"}");
        api.post("chen.fang", "/api/ballots/" + ballotId + "/votes", "{\"choice\":\"FOR\"}");
        awaitStatus(topic, "REJECTED");
        var result = api.get("zhao.lei", "/api/ballots/" + ballotId + "/result").body();
        assertThat(result.get("outcome").asString()).isEqualTo("NO_QUORUM");
        assertThat(result.get("quorumMet").asBoolean()).isFalse();
        assertThat(api.get("zhao.lei", "/api/topics/" + topic).body().get("decision").get("outcome").asString()).isEqualTo("NO_QUORUM");
        // the committee holds it again: the same proposal in a new ballot, and the topic is being voted on again
        var again = api.post("wang.jianguo", "/api/ballots/" + ballotId + "/rerun", "{\"closesAt\": \"" + Gateway.in(Duration.ofDays(7)) + "\"}");
        assertThat(again.status()).as(again.body().toString()).isEqualTo(201);
        assertThat(again.body().get("round").asInt()).isEqualTo(2);
        awaitStatus(topic, "VOTING");
    }

    @Test
    void journey5A八厂ResidentSeesNothingOf越江() {
        String topic = propose("zhou.jianhua", "越江新村31号楼楼道灯（旅程五）", "SAFETY", "yuejiang/yuejiang-xincun/31");
        api.post("wang.jianguo", "/api/topics/" + topic + "/review", "{\"decision\":\"ACCEPT\"}");
        String meeting = schedule(List.of(topic), "越江社区小会议室（旅程五）", Duration.ofDays(2));
        assertThat(api.get("liu.dehai", "/api/topics/" + topic).status()).isEqualTo(404);
        assertThat(api.post("liu.dehai", "/api/topics/" + topic + "/supports", null).status()).isEqualTo(404);
        assertThat(api.get("liu.dehai", "/api/meetings/" + meeting).status()).isEqualTo(404);
        assertThat(api.post("liu.dehai", "/api/meetings/" + meeting + "/registrations", null).status()).isEqualTo(404);
        assertThat(api.get("liu.dehai", "/api/topics?size=100").body().get("items").valueStream()
                .map(t -> t.get("community").asString())).isNotEmpty().containsOnly("bachang");
        assertThat(api.get("liu.dehai", "/api/meetings?size=100").body().get("items").valueStream()
                .map(m -> m.get("community").asString())).allMatch("bachang"::equals);
        assertThat(api.get("liu.dehai", "/api/ballots?size=100").body().get("items").valueStream()
                .map(b -> b.get("community").asString())).allMatch("bachang"::equals);
        assertThat(api.get("ma.lihong", "/api/rolls/yuejiang").status()).isEqualTo(404);
    }
}
