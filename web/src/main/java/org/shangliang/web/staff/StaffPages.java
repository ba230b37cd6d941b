package org.shangliang.web.staff;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.apache.commons.csv.CSVFormat;
import org.shangliang.web.api.Api;
import org.shangliang.web.api.ApiProblem;
import org.shangliang.web.documents.PdfDocuments;
import org.shangliang.web.page.Forms;
import org.shangliang.web.page.Viewer;
import org.shangliang.web.signin.SignedIn;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * For street and community staff: the topics being implemented (with their progress, recorded on
 * each topic's page), and the owners' roll of their community (业主名册): its totals per estate and
 * building, and replacing it from a CSV file or pasted text. A bad roll changes nothing; every bad
 * line is listed with its number, column and reason.
 */
@Controller
class StaffPages {

    /** The largest roll this page takes: Spring's upload limit per file, and under the gateway's 1 MiB for page requests. */
    static final long MAX_ROLL_BYTES = 1_000_000;
    /** A roll wrong throughout (another community's file) lists the first bad lines and says how many more. */
    static final int SHOWN_PROBLEMS = 500;
    static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);
    static final String CSV_HEADER = "flat,ownerId,ownerName,area,holder";

    private final Api api;
    private final MessageSource messages;

    StaffPages(Api api, MessageSource messages) {
        this.api = api;
        this.messages = messages;
    }

    @GetMapping("/staff/implementation")
    String implementation(Model model) {
        List<Map<String, Object>> topics = new ArrayList<>();
        long total = 0;
        for (String status : List.of("APPROVED", "IMPLEMENTING")) {
            Map<String, Object> page = api.getWithQuery("/api/topics", Map.of("status", status, "size", 100));
            topics.addAll(Api.items(page));
            total += page.get("total") instanceof Number n ? n.longValue() : 0;
        }
        // Not started first, then the least advanced; among equals the oldest change first.
        topics.sort(Comparator.<Map<String, Object>>comparingInt(StaffPages::percent)
                .thenComparing(t -> String.valueOf(t.get("updatedAt"))));
        model.addAttribute("topics", topics);
        model.addAttribute("total", total);
        return "staff/implementation";
    }

    static int percent(Map<String, Object> topic) {
        return topic.get("progress") instanceof Map<?, ?> p && p.get("percent") instanceof Number n ? n.intValue() : 0;
    }

    @GetMapping("/staff/rolls")
    String rolls(@RequestParam(required = false) String community, HttpServletRequest request, Model model) {
        model.addAttribute("form", Forms.prefill(request));
        model.addAttribute("once", Forms.once());
        return rollsPage(community, model);
    }

    @PostMapping("/staff/rolls")
    String upload(@RequestParam(required = false) String community,
                  @RequestParam(name = "upload", required = false) MultipartFile upload,
                  @RequestParam(name = "csv", required = false) String pasted, HttpServletRequest request, Model model,
                  RedirectAttributes redirect) {
        String target = communityOf(community);
        return Forms.send(request, model, () -> {
            if (target == null) {
                throw localProblem("community", text("rolls.chooseCommunity"));
            }
            String csv = csvOf(upload, pasted);
            // With its charset: without one the text would be sent as ISO-8859-1 and every Chinese name lost.
            Map<String, Object> totals = api.putText("/api/rolls/{community}", csv, CSV, target);
            redirect.addFlashAttribute("totals", totals);
            return "redirect:/staff/rolls" + (isStreetLevel() ? "?community=" + target + "&uploaded" : "?uploaded");
        }, problem -> {
            List<Map<String, Object>> lines = rollProblems(problem);
            // the API lists the first 100 problems and counts them all
            model.addAttribute("rollProblemCount", problem.properties().get("problemCount") instanceof Number n
                    ? n.intValue() : lines.size());
            model.addAttribute("rollProblems", lines.subList(0, Math.min(lines.size(), SHOWN_PROBLEMS)));
            // A pasted roll is kept for correcting; a file is chosen again.
            return rollsPage(community, model);
        });
    }

    /** The roll's totals as CSV, by estate and building (no names: counts and areas only). */
    @GetMapping("/staff/rolls.csv")
    ResponseEntity<byte[]> rollTotalsCsv(@RequestParam(required = false) String community) {
        String target = communityOf(community);
        if (target == null) {
            throw localProblem("community", text("rolls.chooseCommunity"));
        }
        Map<String, Object> roll = api.get("/api/rolls/{community}", target);
        StringBuilder csv = new StringBuilder("estate,building,owners,flats,area\r\n");
        CSVFormat format = CSVFormat.DEFAULT;
        if (roll.get("estates") instanceof List<?> estates) {
            for (Object e : estates) {
                if (!(e instanceof Map<?, ?> estate)) {
                    continue;
                }
                if (estate.get("buildings") instanceof List<?> buildings) {
                    for (Object b : buildings) {
                        if (b instanceof Map<?, ?> building) {
                            csv.append(format.format(estate.get("estate"), building.get("building"), building.get("owners"),
                                    building.get("flats"), building.get("area"))).append("\r\n");
                        }
                    }
                }
                csv.append(format.format(estate.get("estate"), "", estate.get("owners"), estate.get("flats"),
                        estate.get("area"))).append("\r\n");
            }
        }
        csv.append(format.format("", "", roll.get("owners"), roll.get("flats"), roll.get("totalArea"))).append("\r\n");
        return PdfDocuments.csv(csv.toString(), "roll-" + target + ".csv");
    }

    private String rollsPage(String community, Model model) {
        String target = communityOf(community);
        model.addAttribute("community", target);
        model.addAttribute("streetLevel", isStreetLevel());
        model.addAttribute("maxBytes", MAX_ROLL_BYTES);
        model.addAttribute("header", CSV_HEADER);
        Map<String, Object> roll = null;
        if (target != null) {
            try {
                roll = api.get("/api/rolls/{community}", target);
            } catch (ApiProblem problem) {
                if (problem.status() != 404) {
                    throw problem;
                }
            }
        }
        model.addAttribute("roll", roll);
        return "staff/rolls";
    }

    /** The community whose roll this is: the staff member's own; street-level staff ({@code *}) choose one. */
    private static String communityOf(String asked) {
        SignedIn me = Viewer.current();
        if (me == null) {
            return null;
        }
        if (!"*".equals(me.community())) {
            return me.community();
        }
        return asked == null || asked.isBlank() || !asked.strip().matches("[a-z0-9][a-z0-9-]{0,63}") ? null : asked.strip();
    }

    private static boolean isStreetLevel() {
        SignedIn me = Viewer.current();
        return me != null && "*".equals(me.community());
    }

    /** The roll's text: the file when one was chosen, otherwise what was pasted. */
    private String csvOf(MultipartFile upload, String pasted) {
        if (upload != null && !upload.isEmpty()) {
            if (upload.getSize() > MAX_ROLL_BYTES) {
                throw localProblem("upload", text("rolls.tooLarge"));
            }
            try {
                return decode(upload.getBytes());
            } catch (IOException e) {
                throw localProblem("upload", text("rolls.unreadable"));
            }
        }
        if (pasted != null && !pasted.isBlank()) {
            String csv = pasted.strip().replace("\r\n", "\n") + "\n";
            if (csv.getBytes(StandardCharsets.UTF_8).length > MAX_ROLL_BYTES) {
                throw localProblem("csv", text("rolls.tooLarge"));
            }
            return csv;
        }
        throw localProblem("upload", text("rolls.nothing"));
    }

    /**
     * A file's text: UTF-8 (with or without the byte-order mark spreadsheets write), or else GB18030,
     * as Excel on a Chinese Windows saves "CSV".
     */
    static String decode(byte[] bytes) {
        int start = bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB
                && (bytes[2] & 0xff) == 0xBF ? 3 : 0;
        ByteBuffer buffer = ByteBuffer.wrap(bytes, start, bytes.length - start);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(buffer).toString();
        } catch (CharacterCodingException notUtf8) {
            return new String(bytes, Charset.forName("GB18030"));
        }
    }

    /**
     * The bad lines of a rejected roll as the API lists them ({@code errors}: line, field, message),
     * in the order of the file.
     */
    static List<Map<String, Object>> rollProblems(ApiProblem problem) {
        List<Map<String, Object>> lines = new ArrayList<>();
        if (problem.properties().get("errors") instanceof List<?> errors) {
            for (Object e : errors) {
                if (e instanceof Map<?, ?> m && m.get("line") != null) {
                    Map<String, Object> line = new LinkedHashMap<>();
                    line.put("line", m.get("line"));
                    line.put("field", m.get("field"));
                    line.put("message", m.get("message"));
                    lines.add(line);
                }
            }
        }
        lines.sort(Comparator.comparingLong(l -> l.get("line") instanceof Number n ? n.longValue() : 0));
        return lines;
    }

    /** A problem found before asking the API, shown the same way as the API's. */
    private static ApiProblem localProblem(String field, String message) {
        return new ApiProblem(400, null, null, message, Map.of(field, message), Map.of());
    }

    private String text(String key) {
        return messages.getMessage(key, null, key, LocaleContextHolder.getLocale());
    }
}
