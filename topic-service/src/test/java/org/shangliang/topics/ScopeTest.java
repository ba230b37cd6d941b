package org.shangliang.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.shangliang.contracts.vote.RollUploaded;
import org.shangliang.platform.testing.ApiClient;
import org.shangliang.platform.testing.Streams;
import org.shangliang.topics.place.CommunityPlaces;

/** A topic concerns a place that exists: the proposer's home, their community, or a place of the community's roll. */
class ScopeTest extends TopicServiceTestSupport {

    private ApiClient committeeOf(String community) {
        return new ApiClient(port, tokens.token("committee." + community, "王建国", List.of("COMMITTEE"), community, null));
    }

    private static String topic(String scope) {
        return """
                {"title": "楼道照明改造", "description": "楼道灯坏了很久，晚上上下楼看不清台阶。", "category": "SAFETY", "scope": "%s"}
                """.formatted(scope);
    }

    private static RollUploaded roll(String community, String rollId, Instant at, String... buildings) {
        var places = new java.util.ArrayList<RollUploaded.Place>();
        places.add(new RollUploaded.Place(community + "/xincun", "越江新村"));
        for (String b : buildings) {
            places.add(new RollUploaded.Place(community + "/xincun/" + b, "7".equals(b) ? "七号楼" : null));
            places.add(new RollUploaded.Place(community + "/xincun/" + b + "/1", null));
        }
        return new RollUploaded(community, rollId, 30, 36, places, "qian.yun", at);
    }

    @Test
    void aPlaceNobodyLivesInIsRefusedWithThePlacesThatExist() {
        String c = unique("c");
        var committee = committeeOf(c);
        var resident = new ApiClient(port, tokens.resident(unique("r"), "李秀兰", c, c + "/xincun/31/3/601"));

        var noRoll = committee.post("/api/topics", topic(c + "/xincun"));
        assertThat(noRoll.status()).isEqualTo(400);
        assertThat(noRoll.text("detail")).contains("还没有上传业主名册");
        var error = noRoll.body().get("errors").get(0);
        assertThat(error.get("field").asString()).isEqualTo("scope");
        assertThat(error.get("value").asString()).isEqualTo(c + "/xincun");
        assertThat(committee.post("/api/topics", topic(c)).status()).as("the whole community").isEqualTo(201);
        var home = resident.post("/api/topics", topic(c + "/xincun/31"));
        assertThat(home.status()).as("the resident's own building").isEqualTo(201);
        assertThat(home.text("scopeName")).isEqualTo("xincun 31号楼");

        Streams.publish(roll(c, "r-1", Instant.now(), "31", "7"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(committee.post("/api/topics", topic(c + "/xincun/7")).status()).isEqualTo(201));
        var list = committee.get("/api/topics?scope=" + c + "/xincun/7").body();
        assertThat(list.get("items")).as(list.toString()).hasSize(1);
        var named = list.get("items").get(0);
        assertThat(named.get("scopeName").asString()).as("the names the roll gave").isEqualTo("越江新村 七号楼");
        var read = resident.get("/api/topics/" + home.text("id"));
        assertThat(read.status()).as(read.body().toString()).isEqualTo(200);
        assertThat(read.text("scopeName")).isEqualTo("越江新村 31号楼");

        var unknown = committee.post("/api/topics", topic(c + "/xincun/99/1"));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.text("detail")).contains("越江新村 99号楼1单元").contains("越江新村 31号楼、越江新村 七号楼");
        assertThat(unknown.body().get("errors").get(0).get("allowed").valueStream().map(v -> v.asString()).toList())
                .containsExactly(c + "/xincun/31", c + "/xincun/7");
        assertThat(committeeOf(c).inEnglish().post("/api/topics", topic(c + "/xincun/99")).text("detail"))
                .startsWith("The community's owners' roll has no 越江新村, Building 99.");
    }

    @Test
    void onlyTheNewestRollCountsWhateverOrderItsEventsArriveIn() {
        String c = unique("c");
        Instant at = Instant.parse("2026-11-20T02:00:00Z");
        places.keep(roll(c, "r-2", at, "31", "7"));
        places.keep(roll(c, "r-1", at.minusSeconds(3_600), "98"));
        places.keep(roll(c, "r-2", at, "31", "7"));
        CommunityPlaces kept = places.of(c).orElseThrow();
        assertThat(kept.rollId()).isEqualTo("r-2");
        assertThat(kept.has(c + "/xincun/7/1")).isTrue();
        assertThat(kept.has(c + "/xincun/98")).isFalse();

        places.keep(roll(c, "r-3", at.plusSeconds(60), "98"));
        assertThat(places.of(c).orElseThrow().has(c + "/xincun/98")).isTrue();
    }
}
