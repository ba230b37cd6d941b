package org.shangliang.localstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The local stack's demo world, made the way people would make it: through the gateway's public API
 * with the demo accounts, so every service's view agrees. 越江社区 (越江新村 buildings 31 and 98) and
 * 八厂社区 (易家桥新村): owners' rolls; a charging shed decided by consensus and being implemented; an
 * elevator for 31/3 collecting supports; a drying rack completed and rated; a parking topic.
 */
final class DemoWorld {

    static final String PASSWORD = "demo2026";

    /** How the demo world gets a person's token: the gateway's built-in issuer, or an external provider. */
    @FunctionalInterface
    interface SignIn {
        String token(String username) throws IOException, InterruptedException;
    }

    private final String gateway;
    private final SignIn signIn;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final JsonMapper json = JsonMapper.builder().build();
    private final Map<String, String> tokens = new HashMap<>();

    /** Signs the demo people in at the gateway's built-in issuer. */
    DemoWorld(String gateway) {
        this.gateway = gateway;
        this.signIn = this::builtInToken;
    }

    DemoWorld(String gateway, SignIn signIn) {
        this.gateway = gateway;
        this.signIn = signIn;
    }

    void seed() throws Exception {
        put("qian.yun", "/api/rolls/yuejiang", yuejiangRoll(), "text/csv");
        put("tang.jun", "/api/rolls/bachang", bachangRoll(), "text/csv");

        String shed = propose("zhao.lei", "31号楼北侧建设非机动车充电棚",
                "电瓶车只能从五楼拉电线下来充电，存在火灾隐患，建议在31号楼北侧空地建设充电棚。", "EV_CHARGING",
                "yuejiang/yuejiang-xincun/31");
        support(shed, "chen.fang", "zheng.haibo", "sun.lihua", "wu.meifang");
        String rack = propose("yang.shumei", "98号楼增设公共晾衣架",
                "98号楼住户在绿化带私拉晾衣绳，影响美观和通行，建议在楼前空地统一增设晾衣架。", "PUBLIC_FACILITY",
                "yuejiang/yuejiang-xincun/98");
        support(rack, "zhou.jianhua", "xu.jing", "huang.zhiqiang", "zhang.weimin");
        for (String topic : List.of(shed, rack)) {
            call("wang.jianguo", "POST", "/api/topics/" + topic + "/review", "{\"decision\":\"ACCEPT\"}", "application/json");
        }

        String meeting = scheduleWhenKnown(List.of(shed, rack));
        call("chen.fang", "POST", "/api/meetings/" + meeting + "/registrations", null, null);
        call("zheng.haibo", "POST", "/api/meetings/" + meeting + "/registrations", null, null);
        Thread.sleep(4_500);
        call("wang.jianguo", "POST", "/api/meetings/" + meeting + "/minutes", """
                {"summary": "与会居民代表、物业、业委会和网格员就充电棚选址和晾衣架样式充分协商，达成一致。",
                 "opinions": [
                   {"speaker": "赵磊", "affiliation": "RESIDENT_REP", "content": "充电棚要有独立电表和智能断电"},
                   {"speaker": "陆晓峰", "affiliation": "PROPERTY_COMPANY", "content": "物业负责日常巡查和消防器材"},
                   {"speaker": "张敏", "affiliation": "CPPCC_MEMBER", "content": "可申请街道微更新项目资金"}]}
                """, "application/json");
        call("wang.jianguo", "POST", "/api/meetings/" + meeting + "/conclusion", """
                {"outcomes": [
                  {"topicId": "%s", "resolution": "CONSENSUS", "proposal": "在31号楼北侧空地建设12个车位的充电棚，物业负责维护"},
                  {"topicId": "%s", "resolution": "CONSENSUS", "proposal": "在98号楼楼前空地安装不锈钢升降晾衣架6组"}]}
                """.formatted(shed, rack), "application/json");
        await(shed, t -> "APPROVED".equals(t.get("status").asString()));
        await(rack, t -> "APPROVED".equals(t.get("status").asString()));

        call("qian.yun", "POST", "/api/topics/" + shed + "/progress", "{\"percent\": 40, \"note\": \"充电棚基础施工完成，等待电力增容\"}",
                "application/json");
        call("qian.yun", "POST", "/api/topics/" + rack + "/progress", "{\"percent\": 60, \"note\": \"晾衣架立柱安装完成\"}",
                "application/json");
        call("qian.yun", "POST", "/api/topics/" + rack + "/completion", "{\"note\": \"6组晾衣架全部安装并交付使用\"}",
                "application/json");
        call("yang.shumei", "POST", "/api/topics/" + rack + "/ratings", "{\"stars\": 5, \"comment\": \"再也不用在绿化带晾被子了\"}",
                "application/json");
        call("he.guilan", "POST", "/api/topics/" + rack + "/ratings", "{\"stars\": 4, \"comment\": \"希望再加一组\"}",
                "application/json");

        String elevator = propose("li.xiulan", "31号楼3单元加装电梯",
                "3单元住着九位七十岁以上老人，六楼的老人已经两年没下过楼，希望加装电梯。", "ELEVATOR",
                "yuejiang/yuejiang-xincun/31/3");
        support(elevator, "zhang.weimin", "wang.guohua");
        call("zhou.jianhua", "POST", "/api/topics/" + elevator + "/opinions",
                "{\"stance\": \"CONCERN\", \"content\": \"一楼采光会受影响，希望费用分摊时予以考虑\"}", "application/json");
        call("wang.guohua", "POST", "/api/topics/" + elevator + "/opinions",
                "{\"stance\": \"SUGGESTION\", \"content\": \"可申请既有住宅加装电梯补贴\"}", "application/json");

        propose("liu.dehai", "易家桥新村5号楼停车位重新划线",
                "5号楼前车位划线模糊，经常有车斜停占两个位置，建议重新划线并增设限位。", "PARKING", "bachang/yijiaqiao-xincun/5");
    }

    private String propose(String user, String title, String description, String category, String scope) throws Exception {
        return call(user, "POST", "/api/topics", json.writeValueAsString(Map.of("title", title, "description", description,
                "category", category, "scope", scope)), "application/json").get("id").asString();
    }

    private void support(String topic, String... residents) throws Exception {
        for (String resident : residents) {
            call(resident, "POST", "/api/topics/" + topic + "/supports", null, null);
        }
    }

    /** The meeting-service learns of accepted topics from events: a second after acceptance it can schedule them. */
    private String scheduleWhenKnown(List<String> topics) throws Exception {
        OffsetDateTime start = OffsetDateTime.now(ZoneOffset.ofHours(8)).plusSeconds(4);
        String body = json.writeValueAsString(Map.of("title", "越江新村微更新协商议事会", "topicIds", topics,
                "startsAt", start.toString(), "endsAt", start.plusHours(2).toString(),
                "location", "越江社区党群服务中心二楼会议室", "format", "HYBRID", "capacity", 40,
                "participants", List.of(
                        Map.of("name", "王建国", "userId", "wang.jianguo", "affiliation", "RESIDENT_REP"),
                        Map.of("name", "陆晓峰", "affiliation", "PROPERTY_COMPANY"),
                        Map.of("name", "周丽", "affiliation", "OWNERS_COMMITTEE"),
                        Map.of("name", "钱芸", "userId", "qian.yun", "affiliation", "GRID_WORKER"),
                        Map.of("name", "张敏", "affiliation", "CPPCC_MEMBER"))));
        for (int attempt = 0; attempt < 60; attempt++) {
            HttpResponse<String> response = send("wang.jianguo", "POST", "/api/meetings", body, "application/json");
            if (response.statusCode() == 201) {
                return json.readTree(response.body()).get("id").asString();
            }
            if (response.statusCode() != 409) {
                throw new IllegalStateException("Scheduling the demo meeting failed: " + response.body());
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("The meeting-service did not learn of the demo topics");
    }

    private void await(String topic, Predicate<JsonNode> condition) throws Exception {
        for (int i = 0; i < 60; i++) {
            if (condition.test(call("wang.jianguo", "GET", "/api/topics/" + topic, null, null))) {
                return;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("Topic " + topic + " did not reach the expected state");
    }

    private void put(String user, String path, String body, String type) throws Exception {
        call(user, "PUT", path, body, type);
    }

    private JsonNode call(String user, String method, String path, String body, String type) throws Exception {
        HttpResponse<String> response = send(user, method, path, body, type);
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + path + " as " + user + " answered " + response.statusCode()
                    + ": " + response.body());
        }
        return response.body().isBlank() ? json.nullNode() : json.readTree(response.body());
    }

    private HttpResponse<String> send(String user, String method, String path, String body, String type)
            throws IOException, InterruptedException {
        var builder = HttpRequest.newBuilder(URI.create(gateway + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token(user)).header("X-Request-Id", "demo-seed")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (type != null) {
            builder.header("Content-Type", type);
        }
        return http.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private String token(String user) throws IOException, InterruptedException {
        String cached = tokens.get(user);
        if (cached != null) {
            return cached;
        }
        String token = signIn.token(user);
        tokens.put(user, token);
        return token;
    }

    private String builtInToken(String user) throws IOException, InterruptedException {
        var response = http.send(HttpRequest.newBuilder(URI.create(gateway + "/auth/token"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + user + "\",\"password\":\"" + PASSWORD + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Demo sign-in of " + user + " failed: " + response.body());
        }
        return json.readTree(response.body()).get("accessToken").asString();
    }

    static String yuejiangRoll() {
        String e = "yuejiang/yuejiang-xincun/";
        return """
                flat,ownerId,ownerName,area,holder,estateName
                %1$s31/3/101,zhou.jianhua,周建华,66.20,周建华,越江新村
                %1$s31/3/102,wu.meifang,吴美芳,61.46,吴美芳,
                %1$s31/3/201,zheng.haibo,郑海波,66.20,郑海波,
                %1$s31/3/202,sun.lihua,孙丽华,61.46,孙丽华,
                %1$s31/3/301,zhao.lei,赵磊,66.20,赵磊,
                %1$s31/3/302,chen.fang,陈芳,61.46,陈芳,
                %1$s31/3/401,huang.zhiqiang,黄志强,66.20,黄志强,
                %1$s31/3/402,xu.jing,徐静,61.46,徐静,
                %1$s31/3/501,wang.guohua,王国华,66.20,王国华,
                %1$s31/3/502,wang.guohua,王国华,61.46,王国华,
                %1$s31/3/601,li.xiulan,李秀兰,66.20,李秀兰,
                %1$s31/3/602,zhang.weimin,张为民,61.46,张为民,
                %1$s98/1/201,yang.shumei,杨淑梅,72.35,杨淑梅,
                %1$s98/1/202,owner.98-1-202,顾美华,72.35,顾美华,
                %1$s98/1/301,owner.98-1-301,蒋国强,72.35,蒋国强,
                %1$s98/1/302,owner.98-1-302,沈玉珍,72.35,沈玉珍,
                """.formatted(e);
    }

    static String bachangRoll() {
        String e = "bachang/yijiaqiao-xincun/5/2/";
        return """
                flat,ownerId,ownerName,area,holder,estateName
                %1$s301,owner.5-2-301,孔祥林,58.90,孔祥林,易家桥新村
                %1$s302,liu.dehai,刘德海,58.90,刘德海,
                %1$s401,he.xiaoyan,何晓燕,58.90,何晓燕,
                %1$s402,owner.5-2-402,严红英,58.90,严红英,
                """.formatted(e);
    }
}
