package org.shangliang.web.documents;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.commons.csv.CSVFormat;
import org.shangliang.web.GatewayProperties;
import org.shangliang.web.api.Api;
import org.shangliang.web.api.ApiProblem;
import org.shangliang.web.api.Fields;
import org.shangliang.web.ballots.BallotPages;
import org.shangliang.web.ballots.Charts;
import org.shangliang.web.page.Dates;
import org.shangliang.web.page.Places;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The documents community workers print or open in a spreadsheet: the notice of a ballot's result
 * for the notice board (表决结果公示), paper ballots (表决票) with a code and a QR code to record them
 * by, the meeting notice with its sign-in sheet (签到表), the minutes (纪要), and CSV of the figures.
 * All from the public API with the reader's own rights; no individual choice is ever printed.
 */
@Controller
class DocumentPages {

    static final int NOTICE_DAYS = 7;

    /** One paper ballot: a holder of the electorate with their flats. */
    /** {@code share} is the holder's share of an elevator's cost (formatted yuan) when the ballot has a cost table. */
    public record Sheet(String holder, String flats, String code, String qr, String share) {
    }

    private final Api api;
    private final PdfDocuments pdf;
    private final Places places;
    private final Dates dates;
    private final MessageSource messages;
    private final String publicUrl;

    DocumentPages(Api api, PdfDocuments pdf, Places places, Dates dates, MessageSource messages,
                  GatewayProperties gateway) {
        this.dates = dates;
        this.api = api;
        this.pdf = pdf;
        this.places = places;
        this.messages = messages;
        this.publicUrl = gateway.url();
    }

    /** 表决结果公示: the figures against the thresholds, turnout by building (for the committee), the notice period. */
    @GetMapping("/ballots/{id}/notice.pdf")
    ResponseEntity<byte[]> resultNotice(@PathVariable String id) {
        Map<String, Object> ballot = api.get("/api/ballots/{id}", id);
        Map<String, Object> result = api.get("/api/ballots/{id}/result", id);
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("ballot", ballot);
        model.put("result", result);
        model.put("community", ballot.get("community"));
        model.put("topicTitle", BallotPages.titles(api, List.of(ballot)).get(ballot.get("topicId")));
        model.put("byArea", Charts.dimension("area", result, true));
        model.put("byOwners", Charts.dimension("owners", result, false));
        model.put("buildings", buildingsIfAllowed(id));
        LocalDate today = LocalDate.now(Dates.ZONE);
        model.put("today", day(today));
        model.put("noticeFrom", day(today));
        model.put("noticeTo", day(today.plusDays(NOTICE_DAYS - 1L)));
        model.put("noticeDays", NOTICE_DAYS);
        return PdfDocuments.inline(pdf.render("result-notice", model), text("notice.title") + ".pdf");
    }

    /** The figures of a closed ballot as CSV: one row per line of the result table. */
    @GetMapping("/ballots/{id}/result.csv")
    ResponseEntity<byte[]> resultCsv(@PathVariable String id) {
        Map<String, Object> result = api.get("/api/ballots/{id}/result", id);
        StringBuilder csv = new StringBuilder();
        CSVFormat format = CSVFormat.DEFAULT;
        row(csv, format, text("result.col.what"), "owners", "ownersRatio", "area", "areaRatio");
        for (String part : List.of("electorate", "participating", "votedFor", "votedAgainst", "abstained")) {
            Map<String, Object> figures = result.get(part) instanceof Map<?, ?> m ? cast(m) : Map.of();
            row(csv, format, text("result.row." + rowKey(part)), figures.get("owners"),
                    "electorate".equals(part) ? "1" : figures.get("ownersRatio"), figures.get("area"),
                    "electorate".equals(part) ? "1" : figures.get("areaRatio"));
        }
        row(csv, format, text("result.outcome").replaceAll("[：:]\\s*$", ""), result.get("outcome"), "", "", "");
        return PdfDocuments.csv(csv.toString(), "result-" + id + ".csv");
    }

    /** 表决票: one page per holder who has not voted yet (all holders with {@code all=true}), inside a place. */
    @GetMapping("/monitor/{id}/paper-ballots.pdf")
    ResponseEntity<byte[]> paperBallots(@PathVariable String id, @RequestParam(required = false) String within,
                                        @RequestParam(defaultValue = "false") boolean all) {
        Map<String, Object> ballot = api.get("/api/ballots/{id}", id);
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("ballot", ballot);
        model.put("community", ballot.get("community"));
        model.put("topicTitle", BallotPages.titles(api, List.of(ballot)).get(ballot.get("topicId")));
        List<Sheet> sheets = new ArrayList<>();
        holders(id, within).forEach((holder, flats) -> {
            if (all || flats.stream().noneMatch(f -> Boolean.TRUE.equals(f.get("voted")))) {
                String first = String.valueOf(flats.get(0).get("flat"));
                sheets.add(new Sheet(holder, flats.stream().map(f -> places.label(String.valueOf(f.get("flat"))))
                        .collect(Collectors.joining("、")), BallotCodes.of(id, holder),
                        BallotCodes.qr(recordUrl(id, first)), shareOf(flats)));
            }
        });
        model.put("sheets", sheets);
        return PdfDocuments.inline(pdf.render("paper-ballots", model), text("paperBallot.title") + ".pdf");
    }

    /** The sum of the flats' shares of the cost, as yuan with thousands separators; null when they carry none. */
    static String shareOf(List<Map<String, Object>> flats) {
        BigDecimal sum = BigDecimal.ZERO;
        for (Map<String, Object> flat : flats) {
            if (flat.get("share") == null) {
                return null;
            }
            sum = sum.add(new BigDecimal(String.valueOf(flat.get("share"))));
        }
        return new DecimalFormat("#,##0.00").format(sum);
    }

    /** A returned paper ballot's code: opens the form for that holder's flat. */
    @PostMapping("/monitor/{id}/ballot-code")
    String byCode(@PathVariable String id, @RequestParam(defaultValue = "") String code, RedirectAttributes redirect) {
        String wanted = BallotCodes.normalize(code);
        for (var holding : holders(id, null).entrySet()) {
            if (BallotCodes.of(id, holding.getKey()).equals(wanted)) {
                return "redirect:" + UriComponentsBuilder.fromPath("/monitor/{id}/offline-votes")
                        .queryParam("flat", holding.getValue().get(0).get("flat")).buildAndExpand(id).encode().toUriString();
            }
        }
        redirect.addFlashAttribute("unknownCode", code.strip());
        return "redirect:/monitor/" + id + "?unknownCode";
    }

    /** 协商议事会通知 and 签到表: the notice for the board, then the sheet with a row per participant and empty rows. */
    @GetMapping("/committee/meetings/{id}/sign-in-sheet.pdf")
    ResponseEntity<byte[]> signInSheet(@PathVariable String id) {
        Map<String, Object> meeting = api.get("/api/meetings/{id}", id);
        Map<String, Object> model = meetingModel(meeting);
        int participants = meeting.get("participants") instanceof List<?> l ? l.size() : 0;
        int registered = meeting.get("registered") instanceof Number n ? n.intValue() : 0;
        int rows = Math.max(15, registered + 10);
        model.put("blankRows", IntStream.rangeClosed(participants + 1, participants + rows).boxed().toList());
        return PdfDocuments.inline(pdf.render("sign-in-sheet", model), text("signInSheet.title") + ".pdf");
    }

    /** 会议纪要: the summary, each side's opinions and the conclusions, once the minutes are recorded. */
    @GetMapping("/meetings/{id}/minutes.pdf")
    ResponseEntity<byte[]> minutes(@PathVariable String id) {
        Map<String, Object> meeting = api.get("/api/meetings/{id}", id);
        Map<String, Object> model = meetingModel(meeting);
        model.put("minutes", api.get("/api/meetings/{id}/minutes", id));
        return PdfDocuments.inline(pdf.render("minutes", model), text("minutesDoc.title") + ".pdf");
    }

    /** The community's dashboard figures as CSV: topics by status and by category, turnout. */
    @GetMapping("/dashboard.csv")
    ResponseEntity<byte[]> dashboardCsv() {
        Map<String, Object> dashboard = api.get("/api/dashboard");
        StringBuilder csv = new StringBuilder();
        CSVFormat format = CSVFormat.DEFAULT;
        row(csv, format, "group", "key", "label", "count");
        for (String group : List.of("byStatus", "byCategory")) {
            Map<String, Object> counts = dashboard.get(group) instanceof Map<?, ?> m ? cast(m) : Map.of();
            String prefix = "byStatus".equals(group) ? "status." : "category.";
            counts.forEach((key, count) -> row(csv, format, group, key, text(prefix + key), count));
        }
        if (dashboard.get("turnout") instanceof Map<?, ?> t) {
            cast(t).forEach((key, value) -> row(csv, format, "turnout", key, "", value));
        }
        return PdfDocuments.csv(csv.toString(), "dashboard.csv");
    }

    private Map<String, Object> meetingModel(Map<String, Object> meeting) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("meeting", meeting);
        Map<String, String> titles = new LinkedHashMap<>();
        if (meeting.get("topicIds") instanceof List<?> ids) {
            for (Object topicId : ids) {
                Map<String, Object> topic = api.getIfReadable("/api/topics/{id}", topicId);
                Object title = topic == null ? null : topic.get("title");
                titles.put(String.valueOf(topicId), title == null ? String.valueOf(topicId) : title.toString());
            }
        }
        model.put("titles", titles);
        model.put("topicTitles", List.copyOf(titles.values()));
        model.put("today", day(LocalDate.now(Dates.ZONE)));
        return model;
    }

    /** The flats of each holder inside a place (the ballot's whole scope by default), from the canvass. */
    private Map<String, List<Map<String, Object>>> holders(String ballotId, String within) {
        Map<String, Object> query = new LinkedHashMap<>();
        if (within != null && !within.isBlank()) {
            query.put("within", within);
        }
        Map<String, Object> canvass = api.getWithQuery("/api/ballots/{id}/electorate", query, ballotId);
        Map<String, List<Map<String, Object>>> byHolder = new LinkedHashMap<>();
        for (Map<String, Object> building : list(canvass.get("buildings"))) {
            for (Map<String, Object> entrance : list(building.get("entrances"))) {
                for (Map<String, Object> flat : list(entrance.get("flats"))) {
                    byHolder.computeIfAbsent(String.valueOf(flat.get("holder")), h -> new ArrayList<>()).add(flat);
                }
            }
        }
        return byHolder;
    }

    /** Turnout by building for the committee and staff; a resident's notice leaves it out (the API says 403). */
    private List<Map<String, Object>> buildingsIfAllowed(String ballotId) {
        try {
            return list(api.get("/api/ballots/{id}/electorate", ballotId).get("buildings"));
        } catch (ApiProblem problem) {
            if (problem.status() == 403) {
                return null;
            }
            throw problem;
        }
    }

    /** A day as the documents print it, in the reader's language ("2026年12月9日"). */
    private String day(LocalDate day) {
        return dates.day(day.atStartOfDay(Dates.ZONE).toOffsetDateTime().toString());
    }

    private String recordUrl(String ballotId, String flat) {
        return UriComponentsBuilder.fromUriString(publicUrl).path("/monitor/{id}/offline-votes").queryParam("flat", flat)
                .buildAndExpand(ballotId).encode().toUriString();
    }

    private static String rowKey(String part) {
        return switch (part) {
            case "votedFor" -> "for";
            case "votedAgainst" -> "against";
            default -> part;
        };
    }

    private static void row(StringBuilder csv, CSVFormat format, Object... values) {
        csv.append(format.format(Arrays.stream(values).map(v -> v == null ? "" : v).toArray())).append("\r\n");
    }

    private String text(String key) {
        return messages.getMessage(key, null, key, LocaleContextHolder.getLocale());
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object value) {
        if (!(value instanceof List<?> items)) {
            return List.of();
        }
        List<Map<String, Object>> maps = new ArrayList<>();
        for (Object item : items) {
            if (item instanceof Map<?, ?> m) {
                maps.add(Fields.of((Map<String, Object>) m));
            }
        }
        return maps;
    }

    @SuppressWarnings("unchecked")
    private static <V> Map<String, V> cast(Map<?, ?> map) {
        return (Map<String, V>) map;
    }
}
