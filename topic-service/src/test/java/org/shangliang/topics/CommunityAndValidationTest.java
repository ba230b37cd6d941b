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
}
