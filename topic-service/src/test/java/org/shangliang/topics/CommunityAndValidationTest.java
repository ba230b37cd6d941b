package org.shangliang.topics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CommunityAndValidationTest extends TopicServiceTestSupport {

    @Test
    void anotherCommunitysTopicsDoNotExistForItsResidents() {
        String id = propose("越江新村31号楼加装电梯", "ELEVATOR");
        var outsider = bachangResident();
        assertThat(outsider.post("/api/topics", """
                {"title": "易家桥新村5号楼停车位划线", "category": "PARKING", "scope": "bachang/yijiaqiao-xincun/5"}""")
                .status()).isEqualTo(201);
        assertThat(outsider.get("/api/topics/" + id).status()).isEqualTo(404);
        assertThat(outsider.post("/api/topics/" + id + "/supports", null).status()).isEqualTo(404);
        assertThat(outsider.post("/api/topics/" + id + "/opinions", "{\"stance\":\"OPPOSE\",\"content\":\"x\"}").status())
                .isEqualTo(404);
        assertThat(outsider.get("/api/topics/" + id + "/timeline").status()).isEqualTo(404);
        assertThat(outsider.get("/api/topics?size=100").body().get("items").valueStream()
                .map(t -> t.get("community").asString())).isNotEmpty().containsOnly("bachang");
        assertThat(streetStaff().get("/api/topics/" + id).status()).isEqualTo(200);
    }

    @Test
    void aScopeOutsideTheCallersCommunityIs403() {
        var response = resident(unique("r")).post("/api/topics", """
                {"title": "易家桥新村停车", "category": "PARKING", "scope": "bachang/yijiaqiao-xincun"}""");
        assertThat(response.status()).isEqualTo(403);
        assertThat(response.text("title")).isEqualTo("无权操作");
    }

    @Test
    void everyBadFieldIsListed() {
        var response = resident(unique("r")).inEnglish().post("/api/topics", """
                {"title": "", "description": "%s", "category": "ROCKET", "scope": "Yuejiang/../x"}""".formatted("长".repeat(5001)));
        assertThat(response.status()).isEqualTo(400);
        var unreadable = resident(unique("r")).post("/api/topics", """
                {"title": "", "description": "%s", "category": "ELEVATOR", "scope": "Yuejiang/../x"}""".formatted("长".repeat(5001)));
        assertThat(unreadable.status()).isEqualTo(400);
        assertThat(unreadable.body().get("errors").valueStream().map(e -> e.get("field").asString()).toList())
                .containsExactlyInAnyOrder("title", "description", "scope");
        var missing = resident(unique("r")).post("/api/topics", "{}");
        assertThat(missing.body().get("errors").valueStream().map(e -> e.get("field").asString()).toList())
                .containsExactlyInAnyOrder("title", "category", "scope");
    }

    @Test
    void pagingIsBoundedAndFiltersWork() {
        assertThat(committee().get("/api/topics?size=101").status()).isEqualTo(400);
        assertThat(committee().get("/api/topics?page=-1").status()).isEqualTo(400);
        assertThat(committee().get("/api/topics?status=NOPE").status()).isEqualTo(400);
        String marker = unique("晾衣架");
        String id = propose(marker + "改造", "PUBLIC_FACILITY");
        var found = committee().get("/api/topics?q=" + java.net.URLEncoder.encode(marker, java.nio.charset.StandardCharsets.UTF_8)
                + "&category=PUBLIC_FACILITY&status=PROPOSED&scope=yuejiang/yuejiang-xincun/31");
        assertThat(found.body().get("items").valueStream().map(t -> t.get("id").asString()).toList()).containsExactly(id);
        assertThat(found.body().get("total").asLong()).isEqualTo(1);
        assertThat(found.body().get("size").asInt()).isEqualTo(20);
        assertThat(committee().get("/api/topics?scope=yuejiang/yuejiang-xincun/98&q=" + marker).body().get("total").asLong())
                .isZero();
    }

    @Test
    void searchTextIsMatchedLiterallyNeverAsAPatternOrOperator() {
        propose("普通的议题", "OTHER");
        for (String hostile : new String[] {".*", "[", "(a+)+$", "{\"$ne\":null}", "\\"}) {
            var response = committee().get("/api/topics?size=100&q="
                    + java.net.URLEncoder.encode(hostile, java.nio.charset.StandardCharsets.UTF_8));
            assertThat(response.status()).as(hostile).isEqualTo(200);
            assertThat(response.body().get("items").valueStream().map(t -> t.get("title").asString()))
                    .as(hostile).allMatch(title -> title.contains(hostile));
        }
    }

    @Test
    void wordsFindATopicInAnyOrderWithOrWithoutSpaces() {
        String marker = unique("充电棚");
        String id = propose("31号楼北侧建设非机动车" + marker, "EV_CHARGING");
        String code = marker.substring(marker.indexOf('-') + 1);
        for (String query : new String[] {code + " 非机动车", "机动车 " + code, code + " 北侧 31号楼", code + "　充电"}) {
            var found = committee().get("/api/topics?q=" + java.net.URLEncoder.encode(query, java.nio.charset.StandardCharsets.UTF_8));
            assertThat(found.body().get("items").valueStream().map(t -> t.get("id").asString()).toList())
                    .as(query).containsExactly(id);
        }
        // every word must be there: 晾衣 is neither in its title nor in its description
        assertThat(committee().get("/api/topics?q=" + java.net.URLEncoder.encode(code + " 晾衣",
                java.nio.charset.StandardCharsets.UTF_8)).body().get("total").asLong()).isZero();
        // words of the description count too
        assertThat(committee().get("/api/topics?q=" + java.net.URLEncoder.encode(code + " 老人多",
                java.nio.charset.StandardCharsets.UTF_8)).body().get("total").asLong()).isEqualTo(1);
    }

    @Test
    void severalStatusesAtOnce() {
        String marker = unique("扶手");
        String proposed = propose(marker + "一", "OTHER");
        String accepted = proposeAccepted(marker + "二");
        String rejected = propose(marker + "三", "OTHER");
        assertThat(committee().post("/api/topics/" + rejected + "/review",
                "{\"decision\":\"REJECT\",\"reason\":\"不在本社区职责范围\"}").status()).isEqualTo(200);
        String code = marker.substring(marker.indexOf('-') + 1);
        for (String statuses : new String[] {"status=PROPOSED&status=ACCEPTED", "status=PROPOSED,ACCEPTED"}) {
            var found = committee().get("/api/topics?q=" + code + "&" + statuses);
            assertThat(found.body().get("items").valueStream().map(t -> t.get("id").asString()).toList())
                    .as(statuses).containsExactlyInAnyOrder(proposed, accepted);
        }
        assertThat(committee().get("/api/topics?q=" + code + "&status=REJECTED").body().get("items").get(0)
                .get("id").asString()).isEqualTo(rejected);
        assertThat(committee().get("/api/topics?status=PROPOSED,NOPE").status()).isEqualTo(400);
    }

    @Test
    void concernsMeKeepsTheTopicsWhoseScopeContainsTheCallersHome() {
        String marker = unique("信报箱");
        String code = marker.substring(marker.indexOf('-') + 1);
        var resident = resident(unique("r")); // lives in building 31, entrance 3
        String ofTheBuilding = proposeIn(marker + "本楼", BUILDING_31);
        String ofTheEstate = proposeIn(marker + "全小区", "yuejiang/yuejiang-xincun");
        String ofBuilding98 = proposeIn(marker + "98号楼", "yuejiang/yuejiang-xincun/98");
        var mine = resident.get("/api/topics?concerns=me&q=" + code);
        assertThat(mine.body().get("items").valueStream().map(t -> t.get("id").asString()).toList())
                .containsExactlyInAnyOrder(ofTheBuilding, ofTheEstate).doesNotContain(ofBuilding98);
        var notMe = resident.inEnglish().get("/api/topics?concerns=you");
        assertThat(notMe.status()).isEqualTo(400);
        assertThat(notMe.body().toString()).contains("concerns");
        assertThat(committee().get("/api/topics?concerns=me").status()).as("the committee has no home").isEqualTo(400);
    }

    private String proposeIn(String title, String scope) {
        yuejiangHasItsRoll();
        var response = committee().post("/api/topics", """
                {"title": "%s", "description": "公共设施", "category": "PUBLIC_FACILITY", "scope": "%s"}""".formatted(title, scope));
        assertThat(response.status()).as(response.body().toString()).isEqualTo(201);
        return response.text("id");
    }

    @Test
    void aNearDuplicateInAnOverlappingScopeIsFoundBeforeProposing() {
        String code = unique("x").substring(2);
        String entrance = proposeIn("31号楼3单元加装电梯" + code, BUILDING_31 + "/3");
        String withdrawn = proposeIn("31号楼3单元加装电梯" + code + "旧", BUILDING_31 + "/3");
        assertThat(committee().post("/api/topics/" + withdrawn + "/withdrawal", null).status()).isEqualTo(200);
        String elsewhere = proposeIn("98号楼加装电梯" + code, "yuejiang/yuejiang-xincun/98");
        var similar = resident(unique("r")).get("/api/topics/similar?title="
                + java.net.URLEncoder.encode("加装电梯" + code, java.nio.charset.StandardCharsets.UTF_8)
                + "&scope=" + BUILDING_31);
        assertThat(similar.status()).isEqualTo(200);
        var ids = similar.body().get("items").valueStream().map(t -> t.get("id").asString()).toList();
        assertThat(ids).contains(entrance).doesNotContain(elsewhere).as("withdrawn ones do not count").doesNotContain(withdrawn);
        assertThat(resident(unique("r")).get("/api/topics/similar?title=%E5%85%85%E7%94%B5%E6%A3%9A" + code
                + "&scope=" + BUILDING_31).body().get("items").valueStream().map(t -> t.get("id").asString()).toList())
                .as("a charging shed is another matter").doesNotContain(entrance);
        assertThat(resident(unique("r")).get("/api/topics/similar?scope=" + BUILDING_31).status()).isEqualTo(400);
    }
}
