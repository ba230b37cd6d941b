package org.shangliang.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Journey 1 entirely in the browser, as the people of 越江新村 31号楼3单元 would do it: 李秀兰 proposes an
 * elevator, four neighbours support it, the committee accepts it, schedules and holds a consultation
 * meeting and puts the proposal to the owners' vote; ten owners vote on their phones (JavaScript off),
 * 李秀兰's paper ballot is entered by the committee; the result page shows APPROVED with its bars;
 * staff record progress and completion; a resident rates it. Every page the committee and staff see
 * is scanned by axe-core at phone and desktop size, and a phone-size screenshot of each is kept.
 */
class WebJourneyIT {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");
    private static final String TITLE = "31号楼3单元加装电梯（网页旅程）";

    private static RunningStack stack;

    @BeforeAll
    static void stack() throws Exception {
        stack = RunningStack.get();
    }

    @Test
    void journeyOneFromProposalToRatingInTheBrowser() throws Exception {
        List<String> violations = new ArrayList<>();
        String topicPath;
        try (Browser phone = Browser.withoutJavaScript(stack.gateway())) {
            // 1. 李秀兰 proposes for her entrance, on a phone without JavaScript
            phone.signIn("li.xiulan");
            phone.open("/topics/new");
            phone.type("title", TITLE).type("description", "3单元住着九位七十岁以上老人，六楼的老人两年没下过楼。")
                    .select("category", "ELEVATOR").choose("scope", "yuejiang/yuejiang-xincun/31/3");
            phone.press("提交议题");
            // the demo world's elevator for her entrance is much the same: she is shown it first
            assertThat(phone.mainText()).contains("已经有类似的议题").contains("31号楼3单元加装电梯");
            phone.check("propose-similar");
            phone.press("这是另一件事，仍然提交");
            assertThat(phone.mainText()).contains("议题已提交").contains(TITLE).contains("已有 1 人支持，满 5 人提交居委会");
            topicPath = phone.path().replaceAll("\\?.*", "");

            // 2. four neighbours support it
            for (String neighbour : List.of("zhang.weimin", "wang.guohua", "huang.zhiqiang", "xu.jing")) {
                phone.signIn(neighbour);
                phone.open(topicPath);
                phone.press("我支持");
                assertThat(phone.mainText()).contains("谢谢您的支持");
            }
            assertThat(phone.mainText()).contains("已有 5 人支持");
        }

        String meetingPath;
        String ballotPath;
        LocalDateTime ballotClosesAt;
        try (Browser committee = Browser.phone(stack.gateway())) {
            // 3. the committee: the review queue shows the topic first; it accepts it
            committee.signIn("wang.jianguo");
            committee.open("/review").check("committee-review-queue");
            assertThat(committee.all("main li.card a.title").get(0).getText()).isEqualTo(TITLE);
            committee.open(topicPath).check("committee-topic-review");
            committee.choose("decision", "ACCEPT");
            committee.press("提交");
            assertThat(committee.mainText()).contains("审议决定已记录").contains("已受理");

            // 4. schedules a consultation meeting starting at the next whole minute
            LocalDateTime startsAt = nextMinute(Duration.ofSeconds(20));
            await().atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofSeconds(2)).until(() -> {
                committee.open("/committee/meetings/new?topicId=" + topicPath.substring("/topics/".length()));
                return !committee.all("input[name=topicIds]:checked").isEmpty();
            });
            committee.check("committee-schedule-meeting");
            committee.type("title", "31号楼加装电梯协商议事会（网页）");
            setValue(committee, "startsAt", startsAt.format(LOCAL));
            setValue(committee, "endsAt", startsAt.plusHours(2).format(LOCAL));
            committee.type("location", "31号楼架空层").choose("format", "IN_PERSON").type("capacity", "30");
            committee.type("participants[0].name", "王建国").type("participants[0].userId", "wang.jianguo")
                    .select("participants[0].affiliation", "RESIDENT_REP");
            committee.type("participants[1].name", "陆晓峰").select("participants[1].affiliation", "PROPERTY_COMPANY");
            committee.type("participants[2].name", "张敏").select("participants[2].affiliation", "CPPCC_MEMBER");
            committee.press("安排议事会");
            assertThat(committee.path()).startsWith("/meetings/");
            meetingPath = committee.path().replaceAll("\\?.*", "");
            committee.check("meeting-page-committee");
            assertThat(committee.mainText()).contains("31号楼加装电梯协商议事会（网页）").contains(TITLE).contains("政协委员");

            // 5. once it has started: minutes, then the conclusion puts the proposal to the owners' vote
            sleepUntil(startsAt.plusSeconds(2));
            committee.open("/committee" + meetingPath + "/minutes").check("committee-minutes");
            committee.type("summary", "低层住户关心采光，高层住户愿多承担费用，物业负责施工期间的安全。");
            committee.type("opinions[0].speaker", "周建华").select("opinions[0].affiliation", "RESIDENT_REP")
                    .type("opinions[0].content", "一楼采光受影响，希望少分摊");
            committee.press("保存纪要");
            committee.open("/committee" + meetingPath + "/conclusion").check("committee-conclusion");
            LocalDateTime closesAt = nextMinute(Duration.ofSeconds(150));
            ballotClosesAt = closesAt;
            committee.choose("outcomes[0].resolution", "PUT_TO_VOTE");
            assertThat(committee.mainText()).as("the floors of the entrance from the roll")
                    .contains("共 12 户").contains("1 楼 2 户").contains("6 楼 2 户");
            committee.type("outcomes[0].proposal", "按楼层分摊费用，在31号楼3单元加装电梯");
            committee.choose("outcomes[0].ballot.rule", "CIVIL_CODE_MAJOR");
            setValue(committee, "outcomes[0].ballot.closesAt", closesAt.format(LOCAL));
            //    the cost table: a typing slip in floor 3 is named next to the coefficients, the rest kept
            committee.type("outcomes[0].costShare.totalCost", "360,000 元");
            committee.type("outcomes[0].costShare.coefficients", "0 0.6 0.8o 1 1.2 1.4");
            committee.press("确定结论");
            assertThat(committee.path()).startsWith("/committee/meetings/");
            committee.type("outcomes[0].costShare.coefficients", "0, 0.6, 0.8, 1, 1.2, 1.4");
            committee.check("committee-conclusion-cost-table");
            committee.press("确定结论");
            assertThat(committee.mainText()).contains("提交业主表决");

            // 6. the ballot opens by itself; its page is reached from the topic
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2)).until(() -> {
                committee.open(topicPath);
                return !committee.all("a[href^='/ballots/']").isEmpty();
            });
            ballotPath = committee.all("a[href^='/ballots/']").get(0).getAttribute("href").replaceAll("^https?://[^/]+", "");
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2)).until(() -> {
                committee.open("/monitor/" + ballotPath.substring("/ballots/".length()));
                return committee.mainText().contains("投票中");
            });
            committee.check("committee-ballot-monitor");
            committee.open("/monitor").check("committee-monitor-list");
            committee.open("/meetings").check("committee-meetings");
        }

        try (Browser phone = Browser.withoutJavaScript(stack.gateway())) {
            // 7. owners vote on their phones: a choice, a confirmation step, a receipt
            for (String owner : List.of("zhou.jianhua", "wu.meifang", "zheng.haibo", "sun.lihua", "zhao.lei",
                    "chen.fang", "huang.zhiqiang", "xu.jing", "wang.guohua")) {
                vote(phone, owner, ballotPath, "FOR", "同意");
            }
            vote(phone, "zhang.weimin", ballotPath, "AGAINST", "反对");
            phone.check("ballot-receipt");
        }
        try (Browser phone = Browser.phone(stack.gateway())) {
            phone.signIn("wang.guohua");
            phone.open(ballotPath);
            phone.check("ballot-cost-share");
            assertThat(phone.mainText()).as("501 and 502 at 1.2 of 10 weight units each")
                    .contains("电梯费用分摊").contains("您家应分摊 86,400.00 元").contains("50,400.00");
        }

        try (Browser committee = Browser.phone(stack.gateway())) {
            // 8. the committee moves the closing time a minute later with a reason, reminds whoever has not
            //    voted, and enters 李秀兰's paper vote from the door-to-door list of her entrance
            committee.signIn("wang.jianguo");
            String ballotId = ballotPath.substring("/ballots/".length());
            committee.open("/monitor/" + ballotId);
            setValue(committee, "closesAt", ballotClosesAt.plusMinutes(1).format(LOCAL));
            committee.type("reason", "还有业主在外地，多留一分钟入户征询");
            committee.press("延长截止时间");
            assertThat(committee.mainText()).contains("截止时间已延长").contains("还有业主在外地");
            committee.press("现在提醒");
            assertThat(committee.mainText()).contains("已提醒").contains("上次提醒");
            committee.check("committee-ballot-tools");
            committee.submit(By.cssSelector("main a[href*='/door-to-door']"));
            committee.check("committee-door-to-door");
            assertThat(committee.mainText()).contains("入户征询表").contains("李秀兰").contains("未投")
                    .contains("已投（线上）").doesNotContain("同意（").doesNotContain("反对");
            assertThat(committee.all("a[aria-label='登记 李秀兰 的投票']")).hasSize(1);
            //    her paper ballot was printed with a code; the committee types the code from the returned paper
            PageSession printer = new PageSession(stack.gateway());
            printer.signIn("wang.jianguo");
            String papers = printer.pdfText("/monitor/" + ballotId + "/paper-ballots.pdf");
            assertThat(papers).contains("业主表决票", "李秀兰", TITLE, "同意", "反对", "弃权", "分摊费用", "50,400.00")
                    .doesNotContain("周建华");
            java.util.regex.Matcher code = java.util.regex.Pattern.compile("票面编号([0-9A-Z]{4}-[0-9A-Z]{4})").matcher(papers);
            assertThat(code.find()).as(papers).isTrue();
            committee.open("/monitor/" + ballotId);
            committee.type("code", code.group(1).toLowerCase());
            committee.press("查找这张票");
            committee.check("committee-record-vote");
            assertThat(committee.mainText()).contains("31号楼3单元601");
            committee.choose("choice", "FOR").select("channel", "PAPER").type("evidence", "纸质表决票 31-3-601，本人签字");
            committee.press("记录这一票");
            assertThat(committee.mainText()).contains("已记录").contains("李秀兰");
            committee.check("committee-offline-vote-recorded");
            committee.submit(By.cssSelector("main a[href*='/door-to-door']"));
            assertThat(committee.mainText()).contains("已投（纸质表决票）").doesNotContain("未投");
            committee.open(ballotPath);
            assertThat(committee.mainText()).as("residents see the extension and why").contains("延期")
                    .contains("还有业主在外地");

            // 9. it closes by itself at closesAt; the result shows APPROVED with its bars against the thresholds
            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(5)).until(() -> {
                committee.open(ballotPath + "/result");
                return committee.path().endsWith("/result") && committee.mainText().contains("通过")
                        && !committee.mainText().contains("未通过");
            });
            assertThat(committee.all("svg.bars")).hasSizeGreaterThanOrEqualTo(2);
            assertThat(committee.mainText()).contains("10").contains("11");
            committee.check("ballot-result");
            //    the notice for the notice board, the figures as CSV, the minutes and the sign-in sheet, printed
            assertThat(printer.pdfText(ballotPath + "/notice.pdf")).contains("表决结果公示", TITLE, "表决结果：通过",
                    "户数、面积都达到参加表决的3/4", "各楼栋、单元参加情况", "越江社区居民委员会（盖章）").doesNotContain("李秀兰");
            var csv = printer.get(ballotPath + "/result.csv");
            assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
            assertThat(csv.body()).contains("全部业主").contains("APPROVED");
            assertThat(printer.pdfText(meetingPath + "/minutes.pdf")).contains("会议纪要", "低层住户关心采光",
                    "周建华", "提交业主表决");
            assertThat(printer.pdfText("/committee" + meetingPath + "/sign-in-sheet.pdf")).contains("协商议事会通知",
                    "签到表", "王建国", "政协委员");
            violations.addAll(committee.violations());
        }

        try (Browser staff = Browser.phone(stack.gateway())) {
            // 10. staff record progress and completion
            staff.signIn("qian.yun");
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2)).until(() -> {
                staff.open(topicPath);
                return staff.mainText().contains("已通过");
            });
            staff.open("/staff/implementation").check("staff-implementation");
            assertThat(staff.mainText()).contains(TITLE);
            staff.open(topicPath).check("staff-topic-progress");
            staff.type("percent", "50").type("note", "井道施工完成");
            staff.submit(By.xpath("//form[contains(@action,'/progress')]//button"));
            assertThat(staff.mainText()).contains("实施进度已记录").contains("已完成 50%");
            staff.type("completion-note", "电梯验收合格，投入使用");
            staff.submit(By.xpath("//form[contains(@action,'/completion')]//button"));
            assertThat(staff.mainText()).contains("已验收完成").contains("记录回头看");
            staff.open("/dashboard").check("staff-dashboard");
            staff.open("/staff/rolls").check("staff-rolls");
            assertThat(staff.mainText()).contains("越江新村");
            PageSession office = new PageSession(stack.gateway());
            office.signIn("qian.yun");
            var rollCsv = office.get("/staff/rolls.csv");
            assertThat(rollCsv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
            assertThat(rollCsv.body()).contains("estate,building,owners,flats,area").contains("yuejiang-xincun,31,");
            assertThat(office.get("/dashboard.csv").body()).contains("byStatus").contains("COMPLETED");
            violations.addAll(staff.violations());
        }

        try (Browser phone = Browser.phone(stack.gateway())) {
            // 11. a resident rates the result; her inbox told her each step
            phone.signIn("zhang.weimin");
            phone.open(topicPath);
            phone.choose("stars", "5").type("comment", "六楼老人终于能下楼了");
            phone.press("提交");
            assertThat(phone.mainText()).contains("谢谢您的打分").contains("平均 5").contains("5 星：1 人")
                    .contains("六楼老人终于能下楼了");
            assertThat(phone.mainText()).as("her own rating instead of the form").contains("您的打分")
                    .doesNotContain("为办理结果打分");
            phone.check("resident-topic-completed");
            phone.open("/inbox").check("resident-inbox");
            assertThat(phone.mainText()).contains(TITLE);
            phone.open("/").check("resident-home");
            phone.open("/meetings").check("resident-meetings");
            phone.open(meetingPath).check("resident-meeting");
            phone.open("/ballots").check("resident-ballots");
            phone.open(ballotPath).check("resident-ballot-voted");
            // her e-mail address: a code comes by mail, and only once it is entered do messages follow
            String address = "zhang.weimin@yuejiang.example";
            phone.open("/preferences").type("email", address).press("保存");
            assertThat(phone.mainText()).contains("验证邮箱").contains("我们已把 6 位验证码发到 " + address)
                    .contains("验证之前，我们只给这个邮箱发验证码");
            phone.check("resident-email-code");
            String code = new Gateway(stack).codeMailedTo(address);
            phone.type("code", "%06d".formatted((Integer.parseInt(code) + 1) % 1_000_000)).press("确认邮箱");
            assertThat(phone.mainText()).as("a wrong code says so under its field").contains("验证码不对，还可以再试 4 次");
            phone.type("code", code).press("确认邮箱");
            assertThat(phone.mainText()).contains("邮箱已验证").contains("✓ 已验证").doesNotContain("确认邮箱");
            phone.check("resident-preferences");
            violations.addAll(phone.violations());
        }
        assertThat(violations).as("axe-core serious/critical violations and sideways scrolling").isEmpty();
    }

    private static void vote(Browser phone, String owner, String ballotPath, String choice, String label) {
        phone.signIn(owner);
        phone.open(ballotPath);
        phone.choose("choice", choice);
        phone.press("下一步：确认");
        assertThat(phone.mainText()).contains(label);
        phone.press("确认投票");
        assertThat(phone.path()).contains("voted");
        assertThat(phone.mainText()).contains(label);
        List<WebElement> receipt = phone.all(".receipt");
        assertThat(receipt).isNotEmpty();
    }

    /** The first whole minute at least {@code lead} from now, in the community's zone (the form's minute precision). */
    private static LocalDateTime nextMinute(Duration lead) {
        return ZonedDateTime.now(SHANGHAI).plus(lead).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1).toLocalDateTime();
    }

    private static void sleepUntil(LocalDateTime when) throws InterruptedException {
        long millis = Duration.between(ZonedDateTime.now(SHANGHAI), when.atZone(SHANGHAI)).toMillis();
        if (millis > 0) {
            Thread.sleep(millis);
        }
    }

    /** A date-time field is set as the phone's picker would set it. */
    private static void setValue(Browser browser, String id, String value) {
        browser.driver.executeScript("arguments[0].value = arguments[1];", browser.field(id), value);
    }
}
