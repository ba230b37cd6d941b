package org.shangliang.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The identity set-up against a real Keycloak with the project's realm (issue 13, and issue 11's
 * sign-in with PKCE): the local stack runs with Keycloak as its only issuer, so the demo world itself
 * is made with Keycloak's tokens, through the gateway, by every service.
 */
class KeycloakIT {

    private static Keycloak keycloak;
    private static RunningStack stack;
    private static Gateway api;
    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws Exception {
        int gatewayPort = RunningStack.freePort();
        keycloak = Keycloak.start(gatewayPort);
        stack = RunningStack.startWith(Map.of("SHANGLIANG_OIDC_ISSUER", keycloak.issuer(),
                "GATEWAY_PORT", Integer.toString(gatewayPort)));
        api = new Gateway(stack, keycloak::token);
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.stop();
        }
        if (keycloak != null) {
            keycloak.close();
        }
    }

    @Test
    void theDemoWorldIsMadeWithKeycloakTokensThroughEveryService() {
        assertThat(stack.launcherOutput())
                .contains("identity provider " + keycloak.issuer())
                .containsPattern("demo world .* ready");
        // Topics, supports, the meeting and the ratings of the demo were made by residents, the
        // committee and staff signed in at Keycloak: the services took their roles, community and home.
        JsonNode topics = api.get("li.xiulan", "/api/topics?size=50").body();
        assertThat(topics.get("total").asInt()).isGreaterThanOrEqualTo(3);
        topics.get("items").forEach(t -> assertThat(t.get("community").asString()).isEqualTo("yuejiang"));
        assertThat(api.get("wang.jianguo", "/api/meetings").status()).isEqualTo(200);
        assertThat(api.get("li.xiulan", "/api/ballots").status()).isEqualTo(200);
        assertThat(api.get("li.xiulan", "/api/notifications").status()).isEqualTo(200);
    }

    @Test
    void aKeycloakTokenCarriesTheResidentsIdentityRolesCommunityAndHome() {
        var proposed = api.post("li.xiulan", "/api/topics", """
                {"title": "31号楼3单元楼道加装扶手", "description": "楼梯陡，老人上下楼需要扶手。",
                 "category": "OTHER", "scope": "yuejiang/yuejiang-xincun/31/3"}""");
        assertThat(proposed.status()).as(proposed.body().toString()).isEqualTo(201);
        assertThat(proposed.text("proposerId")).isEqualTo("li.xiulan");
        assertThat(proposed.text("proposerName")).isEqualTo("李秀兰");
        assertThat(proposed.text("community")).isEqualTo("yuejiang");
        // community: she cannot propose for 八厂
        assertThat(api.post("li.xiulan", "/api/topics", """
                {"title": "易家桥新村5号楼增设信报箱", "description": "信报箱坏了。", "category": "OTHER",
                 "scope": "bachang/yijiaqiao-xincun/5"}""").status()).isIn(400, 403, 404);
        // home: building 98's drying racks were rated by two residents of building 98 (the demo world,
        // with their Keycloak tokens); she lives in building 31, so her rating is refused
        JsonNode racks = null;
        for (JsonNode topic : api.get("li.xiulan", "/api/topics?size=50").body().get("items")) {
            if (topic.get("title").asString().contains("晾衣架")) {
                racks = topic;
            }
        }
        assertThat(racks).isNotNull();
        JsonNode rated = api.get("li.xiulan", "/api/topics/" + racks.get("id").asString()).body();
        assertThat(rated.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(rated.get("satisfaction").get("count").asInt()).isEqualTo(2);
        assertThat(api.post("li.xiulan", "/api/topics/" + racks.get("id").asString() + "/ratings",
                "{\"stars\": 3}").status()).isEqualTo(403);
        // roles: the deliveries list is for staff
        assertThat(api.get("li.xiulan", "/api/notifications/deliveries").status()).isEqualTo(403);
        assertThat(api.get("qian.yun", "/api/notifications/deliveries").status()).isEqualTo(200);
        // community: 八厂's resident does not see 越江's topic
        assertThat(api.get("liu.dehai", "/api/topics/" + proposed.text("id")).status()).isEqualTo(404);
    }

    @Test
    void tokensOfAnotherRealmOrAnotherClientAreRefused() throws Exception {
        List<String> refused = new ArrayList<>();
        String masterAdmin = keycloak.masterAdminToken();
        String otherClient = keycloak.token("shangliang", "admin-cli", "li.xiulan", "demo2026");
        String theRightOne = keycloak.token("li.xiulan");
        for (String base : List.of(stack.gateway(), "http://127.0.0.1:" + stack.port("topic-service"),
                "http://127.0.0.1:" + stack.port("vote-service"))) {
            assertThat(status(base + "/api/topics", theRightOne)).isIn(200, 404);
            for (String token : List.of(masterAdmin, otherClient)) {
                int status = status(base + "/api/topics", token);
                refused.add(base + " " + status);
                assertThat(status).as("%s with a token of the master realm or of admin-cli", base).isEqualTo(401);
            }
        }
        assertThat(refused).hasSize(6);
    }

    @Test
    void aResidentCannotRewriteHerOwnCommunityThroughTheAccountApi() throws Exception {
        String console = keycloak.accountConsoleToken("li.xiulan");
        String account = keycloak.issuer() + "/account/";
        var me = keycloak.send(HttpRequest.newBuilder(URI.create(account)).header("Authorization", "Bearer " + console)
                .header("Accept", "application/json"));
        assertThat(me.statusCode()).isEqualTo(200);
        ObjectNode representation = (ObjectNode) Keycloak.JSON.readTree(me.body());
        representation.remove("userProfileMetadata");
        // The account API works for her: her own name she may keep or change.
        assertThat(update(account, console, representation).statusCode()).isEqualTo(204);
        ((ObjectNode) representation.get("attributes")).putArray("community").add("*");
        var attempt = update(account, console, representation);
        assertThat(attempt.statusCode()).isEqualTo(400);
        assertThat(attempt.body()).contains("error-user-attribute-read-only").contains("community");
        ((ObjectNode) representation.get("attributes")).putArray("community").add("yuejiang");
        ((ObjectNode) representation.get("attributes")).putArray("home").add("yuejiang/yuejiang-xincun/98/1/201");
        assertThat(update(account, console, representation).statusCode()).isEqualTo(400);

        JsonNode claims = claims(keycloak.token("li.xiulan"));
        assertThat(claims.get("community").asString()).isEqualTo("yuejiang");
        assertThat(claims.get("home").asString()).isEqualTo("yuejiang/yuejiang-xincun/31/3/601");
    }

    @Test
    void thePagesSignInAtKeycloakWithPkceAndComeBackToThePage() {
        try (Browser browser = Browser.phone(stack.gateway())) {
            browser.open("/topics/new");
            assertThat(browser.path()).startsWith("/login");
            browser.check("keycloak-sign-in-page");
            assertThat(browser.all("#password")).as("no password field of our own: Keycloak asks for it").isEmpty();
            browser.press("去登录");
            String authorize = browser.driver.getCurrentUrl();
            assertThat(authorize).startsWith(keycloak.issuer() + "/protocol/openid-connect/auth")
                    .contains("code_challenge=").contains("code_challenge_method=S256");
            keycloakSignIn(browser, "li.xiulan");
            assertThat(browser.path()).isEqualTo("/topics/new");
            assertThat(browser.text()).contains("李秀兰");
            browser.screenshot("keycloak-signed-in");

            // Signing out ends Keycloak's session too: the next person on this phone must type a password.
            browser.signOut();
            browser.open("/login");
            browser.press("去登录");
            assertThat(browser.driver.getCurrentUrl()).startsWith(keycloak.issuer());
            assertThat(browser.all("#password")).hasSize(1);
            keycloakSignIn(browser, "wang.jianguo");
            browser.open("/review");
            assertThat(browser.path()).isEqualTo("/review");
            assertThat(browser.text()).contains("王建国");
            assertThat(browser.violations()).as("serious or critical accessibility violations").isEmpty();
        }
    }

    /** Keycloak's own sign-in page, filled in as a person would. */
    private static void keycloakSignIn(Browser browser, String username) {
        browser.driver.findElement(By.id("username")).sendKeys(username);
        browser.driver.findElement(By.id("password")).sendKeys("demo2026");
        browser.driver.findElement(By.id("kc-login")).click();
        new WebDriverWait(browser.driver, Duration.ofSeconds(30)).until(d -> d.getCurrentUrl().startsWith(stack.gateway())
                && !browser.path().startsWith("/login"));
    }

    private static HttpResponse<String> update(String account, String token, JsonNode representation) throws Exception {
        return keycloak.send(HttpRequest.newBuilder(URI.create(account)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Keycloak.JSON.writeValueAsString(representation))));
    }

    private static int status(String url, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static JsonNode claims(String token) {
        return Keycloak.JSON.readTree(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]));
    }
}
