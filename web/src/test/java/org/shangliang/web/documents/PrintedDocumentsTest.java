package org.shangliang.web.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shangliang.web.ballots.Charts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.i18n.LocaleContextHolder;

/**
 * The printed documents as a committee member holds them: Chinese text that reads right, every
 * font embedded, one page per paper ballot, and never a choice on a notice.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK)
class PrintedDocumentsTest {

    private static final String SCOPE = "yuejiang/yuejiang-xincun/31/3";

    @Autowired
    PdfDocuments documents;

    @BeforeEach
    @AfterEach
    void chinese() {
        LocaleContextHolder.setLocale(Locale.SIMPLIFIED_CHINESE);
    }

    private static Map<String, Object> figures(long owners, String area, String ownersRatio, String areaRatio) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("owners", owners);
        f.put("area", new java.math.BigDecimal(area));
        f.put("ownersRatio", ownersRatio == null ? null : new java.math.BigDecimal(ownersRatio));
        f.put("areaRatio", areaRatio == null ? null : new java.math.BigDecimal(areaRatio));
        return f;
    }

    private static Map<String, Object> ballot() {
        Map<String, Object> ballot = new LinkedHashMap<>();
        ballot.put("id", "b-31-3");
        ballot.put("topicId", "t-31-3-lift");
        ballot.put("community", "yuejiang");
        ballot.put("scope", SCOPE);
        ballot.put("rule", "CIVIL_CODE_MAJOR");
        ballot.put("proposal", "按楼层分摊费用，在31号楼3单元加装电梯");
        ballot.put("status", "CLOSED");
        ballot.put("openedAt", "2026-12-01T09:00:00+08:00");
        ballot.put("closesAt", "2026-12-08T20:00:00+08:00");
        return ballot;
    }

    private static String text(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            for (PDPage page : document.getPages()) {
                for (var name : page.getResources().getFontNames()) {
                    PDFont font = page.getResources().getFont(name);
                    assertThat(font.isEmbedded()).as(font.getName() + " is embedded").isTrue();
                }
            }
            return new PDFTextStripper().getText(document).replaceAll("[ \\t]+", "");
        }
    }

    private static int pages(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return document.getNumberOfPages();
        }
    }

    @Test
    void theResultNoticeForTheNoticeBoardGivesTheFiguresAgainstTheThresholdsAndNoChoice() throws IOException {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("rule", "CIVIL_CODE_MAJOR");
        result.put("outcome", "APPROVED");
        result.put("quorumRequired", true);
        result.put("quorumMet", true);
        result.put("closedAt", "2026-12-08T20:00:00+08:00");
        result.put("electorate", figures(11, "765.96", null, null));
        result.put("participating", figures(10, "699.76", "0.9091", "0.9136"));
        result.put("votedFor", figures(9, "638.30", "0.9000", "0.9122"));
        result.put("votedAgainst", figures(1, "61.46", "0.1000", "0.0878"));
        result.put("abstained", figures(0, "0.00", "0.0000", "0.0000"));
        Map<String, Object> entrance = Map.of("place", SCOPE, "flatCount", 12, "votedCount", 11);
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("ballot", ballot());
        model.put("result", result);
        model.put("community", "yuejiang");
        model.put("topicTitle", "31号楼3单元加装电梯");
        model.put("byArea", Charts.dimension("area", result, true));
        model.put("byOwners", Charts.dimension("owners", result, false));
        model.put("buildings", List.of(Map.of("place", "yuejiang/yuejiang-xincun/31", "entrances", List.of(entrance))));
        model.put("today", "2026年12月9日");
        model.put("noticeFrom", "2026年12月9日");
        model.put("noticeTo", "2026年12月15日");
        model.put("noticeDays", 7);

        String text = text(documents.render("result-notice", model));
        assertThat(text).contains("表决结果公示", "越江社区", "31号楼3单元加装电梯", "按楼层分摊费用，在31号楼3单元加装电梯",
                "表决结果：通过", "户数、面积都达到全体业主的2/3", "户数、面积都达到参加表决的3/4", "638.3",
                "越江新村31号楼3单元", "2026年12月9日至2026年12月15日（7天）", "越江社区居民委员会（盖章）");
        assertThat(text).doesNotContain("周建华", "李秀兰");
    }

    @Test
    void paperBallotsArePrintedOnePagePerHolderWithTheirCodeInEnglishToo() throws IOException {
        List<DocumentPages.Sheet> sheets = new ArrayList<>();
        for (String holder : List.of("李秀兰", "王国华")) {
            sheets.add(new DocumentPages.Sheet(holder, "越江新村 31号楼3单元601室",
                    BallotCodes.of("b-31-3", holder), BallotCodes.qr("http://127.0.0.1:8080/monitor/b-31-3/offline-votes?flat="
                    + SCOPE + "/601"), DocumentPages.shareOf(List.of(Map.of("flat", SCOPE + "/601", "share", 50400.0),
                    Map.of("flat", SCOPE + "/602", "share", 50400.0)))));
        }
        Map<String, Object> model = new LinkedHashMap<>();
        Map<String, Object> ballot = ballot();
        ballot.put("costShare", Map.of("totalCost", 360000, "remainderRule", "LARGEST_REMAINDER_HIGHER_FLOOR_FIRST"));
        model.put("ballot", ballot);
        model.put("community", "yuejiang");
        model.put("topicTitle", "31号楼3单元加装电梯");
        model.put("sheets", sheets);

        byte[] pdf = documents.render("paper-ballots", model);
        assertThat(pages(pdf)).isEqualTo(2);
        assertThat(text(pdf)).contains("业主表决票", "李秀兰", "王国华", "同意", "反对", "弃权", BallotCodes.of("b-31-3", "李秀兰"),
                "分摊费用", "100,800.00", "360,000.00");

        LocaleContextHolder.setLocale(Locale.ENGLISH);
        assertThat(text(documents.render("paper-ballots", model))).contains("Owner'sballotpaper", "Tickoneboxonly");
    }

    @Test
    void aTypedCodeFindsItsBallotPaperWhateverTheCaseAndDashes() {
        String code = BallotCodes.of("b-31-3", "李秀兰");
        assertThat(code).matches("[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}");
        assertThat(BallotCodes.normalize(" " + code.toLowerCase().replace("-", " ") + " ")).isEqualTo(code);
        assertThat(BallotCodes.of("b-31-3", "王国华")).isNotEqualTo(code);
    }

    @Test
    void theSignInSheetHasARowPerParticipantAndEmptyRowsAndTheMinutesTheirOpinions() throws IOException {
        Map<String, Object> meeting = new LinkedHashMap<>();
        meeting.put("id", "m-1");
        meeting.put("community", "yuejiang");
        meeting.put("title", "31号楼加装电梯协商议事会");
        meeting.put("startsAt", "2026-12-01T19:30:00+08:00");
        meeting.put("endsAt", "2026-12-01T21:30:00+08:00");
        meeting.put("location", "31号楼架空层");
        meeting.put("registered", 8);
        meeting.put("participants", List.of(Map.of("name", "王建国", "affiliation", "RESIDENT_REP"),
                Map.of("name", "陆晓峰", "affiliation", "PROPERTY_COMPANY")));
        meeting.put("outcomes", List.of(Map.of("topicId", "t-1", "resolution", "PUT_TO_VOTE",
                "proposal", "按楼层分摊费用加装电梯")));
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("meeting", meeting);
        model.put("titles", Map.of("t-1", "31号楼3单元加装电梯"));
        model.put("topicTitles", List.of("31号楼3单元加装电梯"));
        model.put("today", "2026年11月23日");
        model.put("blankRows", java.util.stream.IntStream.rangeClosed(3, 20).boxed().toList());

        String sheet = text(documents.render("sign-in-sheet", model));
        assertThat(sheet).contains("协商议事会通知", "签到表", "王建国", "居民代表", "物业公司", "31号楼架空层", "网上已报名8人");

        model.put("minutes", Map.of("summary", "与会各方就低层采光与费用分摊充分发表意见", "recordedAt", "2026-12-01T21:40:00+08:00",
                "opinions", List.of(Map.of("speaker", "周建华", "affiliation", "RESIDENT_REP", "content", "一楼采光受影响，希望少分摊"))));
        String minutes = text(documents.render("minutes", model));
        assertThat(minutes).contains("会议纪要", "与会各方就低层采光与费用分摊充分发表意见", "周建华", "一楼采光受影响，希望少分摊",
                "提交业主表决", "按楼层分摊费用加装电梯");
    }
}
