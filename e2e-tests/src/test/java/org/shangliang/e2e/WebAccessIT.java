package org.shangliang.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * The pages for who may see what, and for what goes wrong in real use: another community, a role
 * that does not open a page, a live badge, a session that expired, a service that is down, a double
 * tap, and a phone without JavaScript. Real Chromium, through the gateway of the packaged stack.
 */
class WebAccessIT {

    private static RunningStack stack;
    private static Gateway api;
    private static final List<String> violations = new ArrayList<>();

    @BeforeAll
    static void stack() throws Exception {
        stack = RunningStack.get();
        api = new Gateway(stack);
    }

    @AfterAll
    static void noSeriousAccessibilityViolations() {
        assertThat(violations).as("axe-core serious/critical violations and sideways scrolling").isEmpty();
    }

    private String propose(String user, String title, String scope) {
        var answer = api.post(user, "/api/topics", """
                {"title": "%s", "description": "网页测试", "category": "PUBLIC_FACILITY", "scope": "%s"}"""
                .formatted(title, scope));
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(201);
        return answer.text("id");
    }

    @Test
    void aResidentOfBachangSeesNothingOfYuejiangAndNoCommitteePage() {
        String title = "越江新村98号楼楼道灯（只给越江看）";
        String topic = propose("yang.shumei", title, "yuejiang/yuejiang-xincun/98");
        try (Browser browser = Browser.phone(stack.gateway())) {
            browser.signIn("liu.dehai");
            assertThat(browser.path()).isEqualTo("/");
            assertThat(browser.mainText()).doesNotContain(title).doesNotContain("越江新村");
            browser.check("bachang-home");

            browser.open("/topics/" + topic);
            assertThat(browser.mainText()).contains("找不到这个页面").doesNotContain(title);
            browser.check("not-found");

            browser.open("/review");
            assertThat(browser.mainText()).contains("您没有权限打开这个页面");
            browser.check("forbidden");
            browser.open("/dashboard");
            assertThat(browser.mainText()).contains("您没有权限打开这个页面");
            violations.addAll(browser.violations());
        }
    }

    @Test
    void theUnreadBadgeChangesLiveWhenTheCommitteeAcceptsTheTopic() {
        String topic = propose("li.xiulan", "31号楼门口增设休息座椅（徽标测试）", "yuejiang/yuejiang-xincun/31");
        for (String neighbour : List.of("zhang.weimin", "wang.guohua", "huang.zhiqiang", "xu.jing")) {
            assertThat(api.post(neighbour, "/api/topics/" + topic + "/supports", null).status()).isEqualTo(201);
        }
        try (Browser browser = Browser.phone(stack.gateway())) {
            browser.signIn("li.xiulan");
            browser.open("/topics/" + topic);
            browser.driver.executeScript("window.shangliangMarker = 'same page';");
            int before = badge(browser);
            // give the page's live stream a moment to connect before the event happens
            await().atMost(Duration.ofSeconds(10)).pollDelay(Duration.ofSeconds(2)).until(() -> true);
            assertThat(api.post("wang.jianguo", "/api/topics/" + topic + "/review", "{\"decision\":\"ACCEPT\"}").status())
                    .isEqualTo(200);
            await().atMost(Duration.ofSeconds(30)).until(() -> badge(browser) > before);
            assertThat(browser.driver.executeScript("return window.shangliangMarker")).as("no reload").isEqualTo("same page");
            assertThat(browser.driver.findElement(By.id("unread-badge")).isDisplayed()).isTrue();
            browser.check("topic-badge-live");
            int live = badge(browser);
            int unread = api.get("li.xiulan", "/api/notifications?size=1").body().get("unreadCount").asInt();
            browser.open("/meetings");
            assertThat(badge(browser)).as("the next page shows the count the inbox has").isEqualTo(unread)
                    .isGreaterThanOrEqualTo(live);
            violations.addAll(browser.violations());
        }
    }

    private static int badge(Browser browser) {
        String text = browser.driver.findElement(By.id("unread-badge")).getAttribute("textContent");
        return text == null || text.isBlank() ? 0 : Integer.parseInt(text.strip());
    }

    @Test
    void aNearDuplicateIsShownBeforeAnythingIsProposed() {
        try (Browser browser = Browser.phone(stack.gateway())) {
            browser.signIn("huang.zhiqiang");
            browser.open("/topics/new");
            browser.type("title", "给我们单元装电梯").type("description", "五楼六楼的老人下不了楼");
            browser.select("category", "ELEVATOR");
            browser.press("提交议题");
            assertThat(browser.path()).as("nothing proposed yet").isEqualTo("/topics");
            assertThat(browser.mainText()).contains("已经有类似的议题").contains("31号楼3单元加装电梯");
            assertThat(browser.field("title").getAttribute("value")).isEqualTo("给我们单元装电梯");
            browser.check("propose-similar");
            browser.submit(org.openqa.selenium.By.linkText("31号楼3单元加装电梯"));
            assertThat(browser.path()).startsWith("/topics/");
            assertThat(browser.mainText()).contains("31号楼3单元加装电梯").contains("支持");
            violations.addAll(browser.violations());
        }
    }

    @Test
    void anExpiredSessionSignsInAgainAndComesBackWithWhatWasTyped() {
        try (Browser browser = Browser.phone(stack.gateway())) {
            browser.signIn("li.xiulan");
            browser.open("/topics/new");
            browser.check("propose");
            browser.type("title", "31号楼3单元楼道扶手（会话过期）").type("description", "老人上楼需要扶手");
            browser.select("category", "SAFETY");
            browser.expireSession();
            browser.press("提交议题");
            assertThat(browser.path()).startsWith("/login");
            assertThat(browser.mainText()).contains("登录已过期");
            browser.check("signin-expired");
            browser.typeSignIn("li.xiulan");
            assertThat(browser.path()).isEqualTo("/topics/new");
            assertThat(browser.field("title").getAttribute("value")).isEqualTo("31号楼3单元楼道扶手（会话过期）");
            assertThat(browser.field("description").getAttribute("value")).isEqualTo("老人上楼需要扶手");
            browser.press("提交议题");
            assertThat(browser.mainText()).contains("议题已提交").contains("31号楼3单元楼道扶手（会话过期）");
            violations.addAll(browser.violations());
        }
    }

    @Test
    void aStoppedServiceGivesAFriendlyPageAndTheFormKeepsWhatWasTyped() throws Exception {
        try (Browser browser = Browser.phone(stack.gateway())) {
            browser.signIn("zhang.weimin");
            browser.open("/topics/new");
            browser.type("title", "31号楼3单元加装信报箱（服务中断）").type("description", "信报箱锈坏了");
            browser.select("category", "PUBLIC_FACILITY");
            long pid = stack.pid("topic-service");
            ProcessHandle.of(pid).orElseThrow().destroyForcibly();
            ProcessHandle.of(pid).ifPresent(h -> h.onExit().join());
            browser.press("提交议题");
            assertThat(browser.mainText()).contains("服务暂时不可用").contains("您填写的内容已经保留");
            browser.check("service-down");
            await().atMost(Duration.ofMinutes(2)).until(() -> stack.healthy("topic-service"));
            browser.press("回到刚才的页面");
            assertThat(browser.path()).isEqualTo("/topics/new");
            assertThat(browser.field("title").getAttribute("value")).isEqualTo("31号楼3单元加装信报箱（服务中断）");
            assertThat(browser.field("description").getAttribute("value")).isEqualTo("信报箱锈坏了");
            violations.addAll(browser.violations());
        }
    }

    @Test
    void theCoreFlowsWorkWithJavaScriptSwitchedOff() {
        String title = "易家桥新村5号楼2单元屋顶防水（无脚本）";
        try (Browser browser = Browser.withoutJavaScript(stack.gateway())) {
            browser.signIn("he.xiaoyan");
            browser.open("/topics/new");
            browser.type("title", title).type("description", "顶楼漏水").select("category", "PROPERTY_SERVICE");
            browser.choose("scope", "bachang/yijiaqiao-xincun/5/2");
            browser.press("提交议题");
            assertThat(browser.mainText()).contains("议题已提交").contains(title).contains("已有 1 人支持");
            String topicPage = browser.path().replaceAll("\\?.*", "");

            browser.signIn("liu.dehai");
            browser.open(topicPage);
            browser.press("我支持");
            assertThat(browser.mainText()).contains("谢谢您的支持").contains("已有 2 人支持").contains("撤回我的支持");
            browser.check("topic-supported-no-js");
        }
    }

    @Test
    void largeTextHighContrastAndEnglishAreOneTapAwayAndRemembered() {
        try (Browser browser = Browser.phone(stack.gateway())) {
            browser.open("/login");
            browser.check("signin");
            assertThat(fontSize(browser)).isLessThan(18);
            browser.submit(By.cssSelector("header button.tool[value=large]"));
            assertThat(fontSize(browser)).as("large text: base at least 18 px").isGreaterThanOrEqualTo(18);
            browser.submit(By.cssSelector("header button.tool[value=contrast]"));
            assertThat(browser.driver.findElement(By.tagName("html")).getAttribute("class")).contains("large-text", "high-contrast");
            browser.check("signin-large-contrast");
            browser.typeSignIn("li.xiulan");
            browser.open("/topics/new");
            assertThat(fontSize(browser)).as("kept after signing in").isGreaterThanOrEqualTo(18);
            browser.check("propose-large-contrast");
            browser.submit(By.cssSelector("a.tool[lang=en]"));
            assertThat(browser.mainText()).contains("Propose a topic").contains("This concerns");
            browser.open("/");
            assertThat(browser.mainText()).contains("Topics near you");
            browser.check("home-english");
            browser.submit(By.cssSelector("a.tool[lang=zh-CN]"));
            assertThat(browser.mainText()).contains("身边的议题");
            violations.addAll(browser.violations());
        }
    }

    @Test
    void aBadRollUploadListsEveryBadLineAndChangesNothing() {
        try (Browser browser = Browser.phone(stack.gateway())) {
            browser.signIn("tang.jun");
            browser.open("/staff/rolls");
            String before = browser.mainText();
            assertThat(before).contains("易家桥新村");
            browser.type("csv", String.join("\n",
                    "flat,ownerId,ownerName,area,holder",
                    "bachang/yijiaqiao-xincun/5/2/302,liu.dehai,刘德海,88.50,刘德海",
                    "bachang/yijiaqiao-xincun/5/2/302,he.xiaoyan,何晓燕,abc,何晓燕",
                    "yuejiang/yuejiang-xincun/31/3/601,li.xiulan,李秀兰,70.00,李秀兰"));
            browser.press("上传并替换名册");
            List<String> badLines = browser.all("main table tbody tr").stream()
                    .map(row -> row.findElements(By.cssSelector("td, th")).get(0).getText().strip()).distinct().toList();
            assertThat(badLines).contains("3", "4");
            browser.check("staff-roll-bad-lines");
            browser.open("/staff/rolls");
            assertThat(browser.mainText()).as("nothing applied").isEqualTo(before);
            violations.addAll(browser.violations());
        }
    }

    private static double fontSize(Browser browser) {
        return Double.parseDouble(browser.driver.findElement(By.tagName("body")).getCssValue("font-size").replace("px", ""));
    }

    /** Two taps on "提交" (or a resend after a lost answer) send the same one-time form: one topic. */
    @Test
    void aFormSentTwiceAtOnceCreatesOneTopic() throws Exception {
        var session = new PageSession(stack.gateway());
        assertThat(session.signIn("chen.fang").statusCode()).isEqualTo(302);
        String title = "31号楼3单元楼道声控灯（双击）";
        var request = session.formOf("/topics/new", "/topics", Map.of("title", title, "description", "晚上看不清台阶",
                "category", "SAFETY", "scope", "yuejiang/yuejiang-xincun/31/3"));
        var first = session.http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
        var second = session.http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
        CompletableFuture.allOf(first, second).join();
        assertThat(first.get().statusCode()).isEqualTo(302);
        assertThat(second.get().statusCode()).isEqualTo(302);
        assertThat(second.get().headers().firstValue("Location")).isEqualTo(first.get().headers().firstValue("Location"));
        var found = api.get("chen.fang", "/api/topics?size=100&q=" + URLEncoder.encode(title, StandardCharsets.UTF_8));
        assertThat(found.body().get("total").asInt()).isEqualTo(1);
    }

    /**
     * The settings page with a refused address shows the problem under its field and what was typed
     * (the browser's own check of the field is skipped here).
     */
    @Test
    void aRefusedAddressOnTheSettingsPageIsShownUnderItsField() throws Exception {
        var session = new PageSession(stack.gateway());
        assertThat(session.signIn("xu.jing").statusCode()).isEqualTo(302);
        var refused = session.http.send(session.formOf("/preferences", "/preferences", Map.of("email", "not-an-address",
                "inApp", "on", "emailOn", "on", "language", "zh-CN")), HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body()).contains("id=\"email-error\"").contains("not-an-address")
                .as("the box to confirm an address is about the saved one, and none was saved").doesNotContain("验证邮箱");
    }
}
