package org.shangliang.votes;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.shangliang.contracts.EventCatalogue;
import org.shangliang.contracts.vote.RollUploaded;
import org.shangliang.platform.testing.Streams;

class RollTest extends VoteServiceTestSupport {

    @Test
    void aGoodRollReplacesTheOldOneAndShowsTotalsPerEstateAndBuilding() {
        String c = community();
        var response = staff(c).send("PUT", "/api/rolls/" + c, null, roll(c));
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().get("owners").asInt()).isEqualTo(11);
        assertThat(response.body().get("flats").asInt()).isEqualTo(12);
        assertThat(response.body().get("totalArea").decimalValue()).isEqualByComparingTo("765.96");

        var read = committee(c).get("/api/rolls/" + c);
        assertThat(read.status()).isEqualTo(200);
        var estate = read.body().get("estates").get(0);
        assertThat(estate.get("estate").asString()).isEqualTo("yuejiang-xincun");
        assertThat(estate.get("owners").asInt()).isEqualTo(11);
        assertThat(estate.get("buildings").get(0).get("building").asString()).isEqualTo("31");
        assertThat(estate.get("buildings").get(0).get("flats").asInt()).isEqualTo(12);

        String smaller = "flat,ownerId,ownerName,area,holder\n" + c + "/yuejiang-xincun/98/1/201,yang.shumei,杨淑梅,88.00,杨淑梅\n";
        staff(c).send("PUT", "/api/rolls/" + c, null, smaller);
        assertThat(committee(c).get("/api/rolls/" + c).body().get("flats").asInt()).isEqualTo(1);
    }

    @Test
    void theRollNamesItsEstatesAndBuildingsAndTellsTheOtherServicesWhichPlacesExist() {
        String c = community();
        String named = """
                flat,ownerId,ownerName,area,holder,buildingName,estateName
                %1$s/yuejiang-xincun/31/3/101,zhou.jianhua,周建华,66.20,周建华,,越江新村
                %1$s/yuejiang-xincun/31/3/102,wu.meifang,吴美芳,61.46,吴美芳,,
                %1$s/yuejiang-xincun/7/1/201,yang.shumei,杨淑梅,72.35,杨淑梅,七号楼,越江新村
                """.formatted(c);
        uploadRoll(c, named);

        var estate = committee(c).get("/api/rolls/" + c).body().get("estates").get(0);
        assertThat(estate.get("name").asString()).isEqualTo("越江新村");
        var buildings = estate.get("buildings").valueStream()
                .map(b -> b.get("building").asString() + "=" + (b.hasNonNull("name") ? b.get("name").asString() : "")).toList();
        assertThat(buildings).containsExactly("31=", "7=七号楼");

        var uploaded = Streams.events(EventCatalogue.ROLL_UPLOADED, c, 1, Duration.ofSeconds(20));
        assertThat(uploaded).hasSize(1);
        assertThat(uploaded.get(0).flats()).isEqualTo(3);
        assertThat(uploaded.get(0).places()).containsExactly(
                new RollUploaded.Place(c + "/yuejiang-xincun", "越江新村"),
                new RollUploaded.Place(c + "/yuejiang-xincun/31", null),
                new RollUploaded.Place(c + "/yuejiang-xincun/31/3", null),
                new RollUploaded.Place(c + "/yuejiang-xincun/7", "七号楼"),
                new RollUploaded.Place(c + "/yuejiang-xincun/7/1", null));

        String twoNames = named.replace("七号楼,越江新村", "七号楼,越江小区");
        var refused = staff(c).send("PUT", "/api/rolls/" + c, null, twoNames);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().get("errors").get(0).get("line").asInt()).isEqualTo(4);
        assertThat(refused.body().get("errors").get(0).get("field").asString()).isEqualTo("estateName");
        var unknownColumn = staff(c).send("PUT", "/api/rolls/" + c, null, named.replace("buildingName", "streetName"));
        assertThat(unknownColumn.body().get("errors").get(0).get("field").asString()).isEqualTo("header");
    }

    @Test
    void aBadFileIsRejectedWholeWithEveryBadLineListedAndNothingApplied() {
        String c = community();
        uploadRoll(c, roll(c));
        String bad = """
                flat,ownerId,ownerName,area,holder
                %1$s/yuejiang-xincun/31/3/101,zhou.jianhua,周建华,66.205,周建华
                %1$s/yuejiang-xincun/31/3/102,wu.meifang,吴美芳,0,吴美芳
                %1$s/yuejiang-xincun/31/3/102,sun.lihua,孙丽华,61.46,孙丽华
                other/yuejiang-xincun/31/3/201,zheng.haibo,郑海波,66.20,郑海波
                %1$s/yuejiang-xincun/31/3/301,zhao.lei,赵磊,66.20,王国华
                %1$s/yuejiang-xincun/31/3/302,wang.guohua,王国华,61.46,王国华
                %1$s/yuejiang-xincun/31/3/401,huang.zhiqiang,黄志强,-3,黄志强
                """.formatted(c);
        var response = staff(c).send("PUT", "/api/rolls/" + c, null, bad);
        assertThat(response.status()).isEqualTo(400);
        var errors = response.body().get("errors").valueStream().map(e -> e.get("line").asInt() + ":" + e.get("field").asString()).toList();
        assertThat(errors).contains("2:area", "3:area", "4:flat", "5:flat", "7:ownerId", "8:area");
        var twice = response.body().get("errors").valueStream().filter(e -> e.get("line").asInt() == 4).findFirst().orElseThrow();
        assertThat(twice.get("message").asString()).as("each line's problem in the caller's language")
                .isEqualTo("房屋 %s/yuejiang-xincun/31/3/102 重复（第 3 行也有）".formatted(c));
        var english = staff(c).inEnglish().send("PUT", "/api/rolls/" + c, null, bad).body().get("errors");
        assertThat(english.valueStream().filter(e -> e.get("line").asInt() == 4).findFirst().orElseThrow()
                .get("message").asString()).isEqualTo("duplicate flat %s/yuejiang-xincun/31/3/102 (also on line 3)".formatted(c));
        assertThat(response.text("detail")).contains("未生效");
        assertThat(committee(c).get("/api/rolls/" + c).body().get("flats").asInt()).isEqualTo(12);

        var header = staff(c).send("PUT", "/api/rolls/" + c, null, "flat;owner;area\nx;y;1\n");
        assertThat(header.status()).isEqualTo(400);
        assertThat(header.body().get("errors").get(0).get("field").asString()).isEqualTo("header");
    }

    @Test
    void aHugeBadFileAnswersTheFirstHundredProblemsAndHowManyMore() {
        String c = community();
        StringBuilder bad = new StringBuilder("flat,ownerId,ownerName,area,holder\n");
        for (int i = 0; i < 250; i++) {
            bad.append(c).append("/yuejiang-xincun/31/3/").append(1000 + i).append(",owner").append(i).append(",某人,-1,某人")
                    .append(i).append('\n');
        }
        var response = staff(c).send("PUT", "/api/rolls/" + c, null, bad.toString());
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().get("errors")).hasSize(100);
        assertThat(response.body().get("problemCount").asInt()).isEqualTo(250);
        assertThat(response.body().get("moreProblems").asInt()).isEqualTo(150);
        assertThat(response.text("detail")).contains("250");
    }

    @Test
    void onlyStaffOfTheCommunityMayReplaceARoll() {
        String c = community();
        assertThat(owner(c, "zhao.lei").send("PUT", "/api/rolls/" + c, null, roll(c)).status()).isEqualTo(403);
        assertThat(committee(c).send("PUT", "/api/rolls/" + c, null, roll(c)).status()).isEqualTo(403);
        String other = community();
        assertThat(staff(other).send("PUT", "/api/rolls/" + c, null, roll(c)).status()).isEqualTo(404);
        assertThat(staff(other).get("/api/rolls/" + c).status()).isEqualTo(404);
        var street = new org.shangliang.platform.testing.ApiClient(port, tokens.token("shen.wenbin", "沈文斌",
                List.of("STAFF"), "*", null));
        assertThat(street.send("PUT", "/api/rolls/" + c, null, roll(c)).status()).isEqualTo(200);
    }

    @Test
    void aRollOverTenMebibytesIs413() {
        String c = community();
        StringBuilder huge = new StringBuilder("flat,ownerId,ownerName,area,holder\n");
        while (huge.length() < 10 * 1024 * 1024 + 10) {
            huge.append(c).append("/e/1/1/").append(huge.length()).append(",owner,名字名字名字名字名字,50.00,名字名字名字名字名字名字\n");
        }
        assertThat(staff(c).send("PUT", "/api/rolls/" + c, null, huge.toString()).status()).isEqualTo(413);
    }
}
