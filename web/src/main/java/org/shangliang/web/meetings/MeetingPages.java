package org.shangliang.web.meetings;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import org.shangliang.contracts.meeting.Affiliation;
import org.shangliang.contracts.meeting.BallotRule;
import org.shangliang.contracts.meeting.MeetingFormat;
import org.shangliang.contracts.meeting.Resolution;
import org.shangliang.web.api.Api;
import org.shangliang.web.api.ApiProblem;
import org.shangliang.web.api.Fields;
import org.shangliang.web.page.Dates;
import org.shangliang.web.page.Forms;
import org.shangliang.web.page.Viewer;
import org.shangliang.web.signin.SignedIn;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Consultation meetings (协商议事会): the list, a meeting's page (agenda, participants, registration,
 * calendar file, minutes and outcomes) and the committee's forms to schedule one, record its minutes
 * and conclude it. Form fields are named as the API's JSON fields ({@code participants[0].name},
 * {@code outcomes[1].ballot.closesAt}), so the API's messages land next to the right field.
 */
@Controller
class MeetingPages {

    /** Rows of participants on the schedule form and of opinions on the minutes form. */
    static final int PARTICIPANT_ROWS = 6;
    static final int OPINION_ROWS = 4;

    private final Api api;
    private final MessageSource messages;

    MeetingPages(Api api, MessageSource messages) {
        this.api = api;
        this.messages = messages;
    }

    // ----- Everyone: the list and a meeting's page -----

    @GetMapping("/meetings")
    String list(Model model) {
        Map<String, Object> page = api.getWithQuery("/api/meetings", Map.of("size", 100));
        Instant now = Instant.now();
        List<Map<String, Object>> upcoming = new ArrayList<>();
        List<Map<String, Object>> past = new ArrayList<>();
        for (Map<String, Object> m : Api.items(page)) {
            (upcoming(m, now) ? upcoming : past).add(m);
        }
        // The next one first; past ones newest first.
        upcoming.sort(Comparator.comparing(m -> instantOr(m.get("startsAt"), Instant.MAX)));
        past.sort(Comparator.comparing((Map<String, Object> m) -> instantOr(m.get("startsAt"), Instant.MIN)).reversed());
        model.addAttribute("upcoming", upcoming);
        model.addAttribute("past", past);
        model.addAttribute("now", now);
        model.addAttribute("running", running(upcoming, now));
        return "meetings/list";
    }

    @GetMapping("/meetings/{id}")
    String meeting(@PathVariable String id, HttpServletRequest request, Model model) {
        show(api.get("/api/meetings/{id}", id), model);
        model.addAttribute("form", Forms.prefill(request));
        model.addAttribute("once", Forms.once());
        return "meetings/meeting";
    }

    private void show(Map<String, Object> meeting, Model model) {
        SignedIn me = Viewer.current();
        Instant now = Instant.now();
        String status = String.valueOf(meeting.get("status"));
        boolean scheduled = "SCHEDULED".equals(status);
        boolean registered = Boolean.TRUE.equals(meeting.get("registeredByMe"));
        boolean over = !instantOr(meeting.get("endsAt"), Instant.MAX).isAfter(now);
        boolean started = !instantOr(meeting.get("startsAt"), Instant.MAX).isAfter(now);
        boolean full = intOf(meeting.get("registered")) >= intOf(meeting.get("capacity"));
        boolean resident = me != null && me.has("RESIDENT");
        boolean committee = me != null && me.has("COMMITTEE");
        List<Map<String, Object>> topics = topicsOf(meeting);
        Map<Object, Map<String, Object>> topicById = new LinkedHashMap<>();
        topics.forEach(t -> topicById.put(t.get("id"), t));
        model.addAttribute("meeting", meeting);
        model.addAttribute("topics", topics);
        model.addAttribute("topicById", topicById);
        model.addAttribute("groups", byAffiliation(listOf(meeting.get("participants"))));
        model.addAttribute("outcomes", listOf(meeting.get("outcomes")));
        model.addAttribute("started", started);
        model.addAttribute("over", over);
        model.addAttribute("full", full);
        model.addAttribute("canRegister", resident && scheduled && !registered && !over && !full);
        model.addAttribute("canUnregister", resident && scheduled && registered);
        model.addAttribute("canMinute", committee && !"CANCELLED".equals(status));
        model.addAttribute("canConclude", committee && scheduled);
    }

    @PostMapping("/meetings/{id}/registrations")
    String register(@PathVariable String id, HttpServletRequest request, Model model) {
        return act(id, request, model, () -> api.post("/api/meetings/{id}/registrations", null, id), "registered");
    }

    @PostMapping("/meetings/{id}/registrations/cancellation")
    String unregister(@PathVariable String id, HttpServletRequest request, Model model) {
        return act(id, request, model, () -> api.delete("/api/meetings/{id}/registrations", id), "unregistered");
    }

    /** The API's calendar file, passed through as a download named {@code meeting.ics}. */
    @GetMapping("/meetings/{id}/calendar.ics")
    ResponseEntity<byte[]> calendar(@PathVariable String id) {
        ResponseEntity<byte[]> file = api.download("/api/meetings/{id}/calendar.ics", id);
        MediaType type = file.getHeaders().getContentType();
        if (type == null || !"calendar".equals(type.getSubtype())) {
            type = MediaType.parseMediaType("text/calendar; charset=utf-8");
        }
        return ResponseEntity.ok().contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"meeting.ics\"")
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(file.getBody() == null ? new byte[0] : file.getBody());
    }

    /** An action on the meeting page: back to it with a note, or the page with the API's problem. */
    private String act(String id, HttpServletRequest request, Model model, Runnable call, String done) {
        return Forms.send(request, model, () -> {
            call.run();
            return "redirect:/meetings/" + id + "?done=" + done;
        }, problem -> {
            show(api.get("/api/meetings/{id}", id), model);
            return "meetings/meeting";
        });
    }

    // ----- The committee: scheduling a meeting -----

    @GetMapping("/committee/meetings/new")
    String scheduleForm(@RequestParam(required = false) String topicId, HttpServletRequest request, Model model) {
        Map<String, Object> form = Forms.prefill(request);
        model.addAttribute("form", form);
        model.addAttribute("once", Forms.once());
        Set<String> chosen = chosen(form.get("topicIds"));
        if (chosen.isEmpty() && topicId != null && !topicId.isBlank()) {
            chosen.add(topicId.strip());
        }
        return schedulePage(chosen, model);
    }

    private String schedulePage(Set<String> chosen, Model model) {
        Map<String, Object> accepted = api.getWithQuery("/api/topics", Map.of("status", "ACCEPTED", "size", 100));
        model.addAttribute("candidates", Api.items(accepted));
        model.addAttribute("chosen", chosen);
        model.addAttribute("formats", MeetingFormat.values());
        model.addAttribute("affiliations", Affiliation.values());
        model.addAttribute("rows", PARTICIPANT_ROWS);
        return "committee/meeting-new";
    }

    @PostMapping("/committee/meetings")
    String schedule(@RequestParam Map<String, String> form, HttpServletRequest request, Model model) {
        String[] picked = request.getParameterValues("topicIds");
        List<String> topicIds = new ArrayList<>();
        if (picked != null) {
            for (String t : picked) {
                if (t != null && !t.isBlank()) {
                    topicIds.add(t.strip());
                }
            }
        }
        List<Integer> rows = new ArrayList<>();
        Map<String, Object> body = newMeeting(form, topicIds, rows);
        return Forms.send(request, model,
                () -> "redirect:/meetings/" + api.post("/api/meetings", body).get("id") + "?done=scheduled",
                problem -> {
                    model.addAttribute("errors", toRows(problem.fieldErrors(), "participants", rows));
                    return schedulePage(new LinkedHashSet<>(topicIds), model);
                });
    }

    /**
     * The API's {@code NewMeeting}: participant rows without a name and an account are left out;
     * {@code rows} receives, for each participant sent, the form row it came from.
     */
    static Map<String, Object> newMeeting(Map<String, String> form, List<String> topicIds, List<Integer> rows) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", Forms.text(form.get("title")));
        body.put("topicIds", topicIds);
        body.put("startsAt", Dates.fromInput(form.get("startsAt")));
        body.put("endsAt", Dates.fromInput(form.get("endsAt")));
        body.put("location", Forms.text(form.get("location")));
        body.put("format", Forms.optional(form.get("format")));
        body.put("capacity", Forms.number(form.get("capacity")));
        List<Map<String, Object>> participants = new ArrayList<>();
        for (int i = 0; i < PARTICIPANT_ROWS; i++) {
            String at = "participants[" + i + "].";
            String name = Forms.optional(form.get(at + "name"));
            String userId = Forms.optional(form.get(at + "userId"));
            if (name == null && userId == null) {
                continue;
            }
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("name", name);
            p.put("userId", userId);
            p.put("affiliation", Forms.optional(form.get(at + "affiliation")));
            participants.add(p);
            rows.add(i);
        }
        body.put("participants", participants);
        return body;
    }

    // ----- The committee: minutes -----

    @GetMapping("/committee/meetings/{id}/minutes")
    String minutesForm(@PathVariable String id, HttpServletRequest request, Model model) {
        Map<String, Object> meeting = api.get("/api/meetings/{id}", id);
        Map<String, Object> form = Forms.prefill(request);
        if (form.isEmpty() && meeting.get("minutes") instanceof Map<?, ?> minutes) {
            form = recorded(minutes);
        }
        model.addAttribute("form", form);
        model.addAttribute("once", Forms.once());
        return minutesPage(meeting, form, model);
    }

    private String minutesPage(Map<String, Object> meeting, Map<String, ?> form, Model model) {
        model.addAttribute("meeting", meeting);
        model.addAttribute("started", !instantOr(meeting.get("startsAt"), Instant.MAX).isAfter(Instant.now()));
        model.addAttribute("affiliations", Affiliation.values());
        model.addAttribute("rows", Math.max(OPINION_ROWS, highestRow(form.keySet(), "opinions") + 1));
        return "committee/minutes";
    }

    @PostMapping("/committee/meetings/{id}/minutes")
    String recordMinutes(@PathVariable String id, @RequestParam Map<String, String> form, HttpServletRequest request,
                         Model model) {
        List<Integer> rows = new ArrayList<>();
        Map<String, Object> body = minutes(form, rows);
        return Forms.send(request, model, () -> {
            api.post("/api/meetings/{id}/minutes", body, id);
            return "redirect:/meetings/" + id + "?done=minutes";
        }, problem -> {
            model.addAttribute("errors", toRows(problem.fieldErrors(), "opinions", rows));
            return minutesPage(api.get("/api/meetings/{id}", id), form, model);
        });
    }

    /** The API's {@code MinutesRequest}: opinion rows without a speaker and content are left out. */
    static Map<String, Object> minutes(Map<String, String> form, List<Integer> rows) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("summary", Forms.text(form.get("summary")));
        List<Map<String, Object>> opinions = new ArrayList<>();
        int last = Math.max(OPINION_ROWS - 1, highestRow(form.keySet(), "opinions"));
        for (int i = 0; i <= last; i++) {
            String at = "opinions[" + i + "].";
            String speaker = Forms.optional(form.get(at + "speaker"));
            String content = Forms.optional(form.get(at + "content"));
            if (speaker == null && content == null) {
                continue;
            }
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("speaker", speaker);
            o.put("affiliation", Forms.optional(form.get(at + "affiliation")));
            o.put("content", content);
            opinions.add(o);
            rows.add(i);
        }
        body.put("opinions", opinions);
        return body;
    }

    /** Minutes recorded before, as the form's values (so they can be corrected). */
    private static Map<String, Object> recorded(Map<?, ?> minutes) {
        Map<String, Object> form = new Fields();
        form.put("summary", minutes.get("summary"));
        List<Map<String, Object>> opinions = listOf(minutes.get("opinions"));
        for (int i = 0; i < opinions.size(); i++) {
            Map<String, Object> o = opinions.get(i);
            form.put("opinions[" + i + "].speaker", o.get("speaker"));
            form.put("opinions[" + i + "].affiliation", o.get("affiliation"));
            form.put("opinions[" + i + "].content", o.get("content"));
        }
        return form;
    }

    // ----- The committee: concluding -----

    @GetMapping("/committee/meetings/{id}/conclusion")
    String conclusionForm(@PathVariable String id, HttpServletRequest request, Model model) {
        model.addAttribute("form", Forms.prefill(request));
        model.addAttribute("once", Forms.once());
        return conclusionPage(api.get("/api/meetings/{id}", id), model);
    }

    private String conclusionPage(Map<String, Object> meeting, Model model) {
        model.addAttribute("meeting", meeting);
        List<Map<String, Object>> topics = topicsOf(meeting);
        model.addAttribute("topics", topics);
        model.addAttribute("floors", floorsOfElevators(topics));
        model.addAttribute("started", !instantOr(meeting.get("startsAt"), Instant.MAX).isAfter(Instant.now()));
        model.addAttribute("resolutions", Resolution.values());
        model.addAttribute("rules", BallotRule.values());
        return "committee/conclusion";
    }

    @PostMapping("/committee/meetings/{id}/conclusion")
    String conclude(@PathVariable String id, @RequestParam Map<String, String> form, HttpServletRequest request,
                    Model model) {
        Map<String, Object> body = conclusion(form);
        return Forms.send(request, model, () -> {
            checkTablesCoverTheRoll(body, api.get("/api/meetings/{id}", id));
            api.post("/api/meetings/{id}/conclusion", body, id);
            return "redirect:/meetings/" + id + "?done=concluded";
        }, problem -> conclusionPage(api.get("/api/meetings/{id}", id), model));
    }

    /**
     * The API's {@code Conclusion}: one outcome per agenda topic, in the form's order (so the API's
     * {@code outcomes[i]} is the form's row {@code i}); a ballot only for PUT_TO_VOTE.
     */
    static Map<String, Object> conclusion(Map<String, String> form) {
        List<Map<String, Object>> outcomes = new ArrayList<>();
        for (int i = 0; form.containsKey("outcomes[" + i + "].topicId"); i++) {
            String at = "outcomes[" + i + "].";
            String resolution = Forms.optional(form.get(at + "resolution"));
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("topicId", Forms.optional(form.get(at + "topicId")));
            o.put("resolution", resolution);
            o.put("proposal", Forms.optional(form.get(at + "proposal")));
            o.put("reason", Forms.optional(form.get(at + "reason")));
            if (Resolution.PUT_TO_VOTE.name().equals(resolution)) {
                Map<String, Object> ballot = new LinkedHashMap<>();
                ballot.put("rule", Forms.optional(form.get(at + "ballot.rule")));
                ballot.put("closesAt", Dates.fromInput(form.get(at + "ballot.closesAt")));
                o.put("ballot", ballot);
                Map<String, Object> costShare = costShare(form, at + "costShare.");
                if (costShare != null) {
                    o.put("costShare", costShare);
                }
            }
            outcomes.add(o);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("outcomes", outcomes);
        return body;
    }

    /**
     * An elevator's cost table as typed: the total in yuan (separators and 元 allowed) and the
     * coefficients from the first floor up, separated by spaces, commas or 、. What is not a number
     * goes to the API as typed, so its answer names the field. Both left empty: no table.
     */
    static Map<String, Object> costShare(Map<String, String> form, String at) {
        String total = Forms.optional(form.get(at + "totalCost"));
        String coefficients = Forms.optional(form.get(at + "coefficients"));
        if (total == null && coefficients == null) {
            return null;
        }
        Map<String, Object> table = new LinkedHashMap<>();
        table.put("totalCost", total == null ? null : decimal(total.replaceAll("[,，\\s元]", "")));
        List<Map<String, Object>> rows = new ArrayList<>();
        if (coefficients != null) {
            String[] values = coefficients.split("[\\s,，、;；]+");
            for (int i = 0; i < values.length; i++) {
                if (values[i].isEmpty()) {
                    continue;
                }
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("floor", rows.size() + 1);
                row.put("coefficient", decimal(values[i]));
                rows.add(row);
            }
        }
        table.put("coefficients", rows);
        return table;
    }

    /**
     * A cost table shorter than the floors of its scope in the roll would leave the ballot unopened
     * (the vote-service cannot place the flats above it): said here, next to the coefficients,
     * before anything is sent. Without a readable roll the API's own checks decide.
     */
    private void checkTablesCoverTheRoll(Map<String, Object> body, Map<String, Object> meeting) {
        Map<String, Map<String, Object>> floors = floorsOfElevators(topicsOf(meeting));
        Map<String, String> errors = new LinkedHashMap<>();
        List<Map<String, Object>> outcomes = listOf(body.get("outcomes"));
        for (int i = 0; i < outcomes.size(); i++) {
            Map<String, Object> o = outcomes.get(i);
            Map<String, Object> roll = floors.get(String.valueOf(o.get("topicId")));
            if (!(o.get("costShare") instanceof Map<?, ?> table) || roll == null) {
                continue;
            }
            List<Map<String, Object>> rollFloors = listOf(roll.get("floors"));
            int rows = table.get("coefficients") instanceof List<?> l ? l.size() : 0;
            if (!rollFloors.isEmpty()) {
                int top = ((Number) rollFloors.get(rollFloors.size() - 1).get("floor")).intValue();
                if (rows > 0 && rows < top) {
                    errors.put("outcomes[" + i + "].costShare.coefficients", messages.getMessage(
                            "conclude.costShare.tooShort", new Object[] {top, rows}, LocaleContextHolder.getLocale()));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new ApiProblem(400, null, null, errors.values().iterator().next(), errors, Map.of());
        }
    }

    private static Object decimal(String typed) {
        try {
            return new BigDecimal(typed);
        } catch (NumberFormatException notANumber) {
            return typed;
        }
    }

    /**
     * For each elevator topic, the floors of its scope in the current roll (what the cost table must
     * cover), so the committee fills it in knowing them; a topic whose floors cannot be read has none.
     */
    private Map<String, Map<String, Object>> floorsOfElevators(List<Map<String, Object>> topics) {
        Map<String, Map<String, Object>> floors = new LinkedHashMap<>();
        for (Map<String, Object> topic : topics) {
            if (!"ELEVATOR".equals(topic.get("category")) || topic.get("scope") == null) {
                continue;
            }
            // no roll yet, or the roll service is down: the form still works, the hint is left out
            Map<String, Object> rollFloors = api.getWithQueryIfReadable("/api/rolls/{community}/floors",
                    Map.of("within", topic.get("scope")), topic.get("community"));
            if (rollFloors != null) {
                floors.put(String.valueOf(topic.get("id")), rollFloors);
            }
        }
        return floors;
    }

    // ----- Helpers -----

    /** The agenda's topics with their titles (few: one call each); one that cannot be read shows by its id. */
    private List<Map<String, Object>> topicsOf(Map<String, Object> meeting) {
        List<Map<String, Object>> topics = new ArrayList<>();
        for (Object topicId : listOf(meeting.get("topicIds"))) {
            Map<String, Object> topic = api.getIfReadable("/api/topics/{id}", topicId);
            if (topic == null) {
                topic = new Fields();
                topic.put("id", String.valueOf(topicId));
            }
            topics.add(topic);
        }
        return topics;
    }

    /** Participants grouped by whom they speak for, in the order of {@link Affiliation}. */
    static List<Map<String, Object>> byAffiliation(List<Map<String, Object>> participants) {
        Map<String, List<Map<String, Object>>> groups = new LinkedHashMap<>();
        for (Affiliation a : Affiliation.values()) {
            groups.put(a.name(), new ArrayList<>());
        }
        for (Map<String, Object> p : participants) {
            groups.computeIfAbsent(String.valueOf(p.get("affiliation")), a -> new ArrayList<>()).add(p);
        }
        List<Map<String, Object>> list = new ArrayList<>();
        groups.forEach((affiliation, people) -> {
            if (!people.isEmpty()) {
                list.add(Map.of("affiliation", affiliation, "people", people));
            }
        });
        return list;
    }

    /**
     * The API names a participant or opinion by its place in the body ({@code participants[0].name});
     * the form by its row. Empty rows are not sent, so the two can differ: this names the row.
     */
    static Map<String, String> toRows(Map<String, String> errors, String list, List<Integer> rows) {
        Pattern indexed = Pattern.compile("^" + Pattern.quote(list) + "\\[(\\d+)](.*)$");
        Map<String, String> mapped = new LinkedHashMap<>();
        errors.forEach((field, message) -> {
            Matcher m = indexed.matcher(field);
            String key = field;
            if (m.matches()) {
                int sent = Integer.parseInt(m.group(1));
                if (sent < rows.size()) {
                    key = list + "[" + rows.get(sent) + "]" + m.group(2);
                }
            }
            mapped.merge(key, message, (a, b) -> a + "；" + b);
        });
        return mapped;
    }

    /** The highest row index among form keys like {@code opinions[5].speaker}, or -1. */
    static int highestRow(Iterable<String> keys, String list) {
        Pattern indexed = Pattern.compile("^" + Pattern.quote(list) + "\\[(\\d+)].*$");
        int highest = -1;
        for (String key : keys) {
            Matcher m = indexed.matcher(key);
            if (m.matches() && m.group(1).length() < 4) {
                highest = Math.max(highest, Integer.parseInt(m.group(1)));
            }
        }
        return Math.min(highest, 99);
    }

    /** The topic ids ticked before (a form shown again keeps several values joined by new lines). */
    static Set<String> chosen(Object typed) {
        Set<String> chosen = new LinkedHashSet<>();
        if (typed != null) {
            for (String id : typed.toString().split("\n")) {
                if (!id.isBlank()) {
                    chosen.add(id.strip());
                }
            }
        }
        return chosen;
    }

    /** A meeting still to come or going on now. */
    static boolean upcoming(Map<String, Object> meeting, Instant now) {
        return "SCHEDULED".equals(meeting.get("status")) && instantOr(meeting.get("endsAt"), Instant.MAX).isAfter(now);
    }

    /** The ids of meetings going on now (started, not ended). */
    private static Set<Object> running(List<Map<String, Object>> upcoming, Instant now) {
        Set<Object> running = new LinkedHashSet<>();
        for (Map<String, Object> m : upcoming) {
            if (!instantOr(m.get("startsAt"), Instant.MAX).isAfter(now)) {
                running.add(m.get("id"));
            }
        }
        return running;
    }

    static Instant instantOr(Object iso, Instant otherwise) {
        if (iso == null) {
            return otherwise;
        }
        try {
            return OffsetDateTime.parse(iso.toString()).toInstant();
        } catch (DateTimeParseException e) {
            return otherwise;
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> List<T> listOf(Object value) {
        return value instanceof List<?> list ? (List<T>) list : List.of();
    }

    private static int intOf(Object value) {
        return value instanceof Number n ? n.intValue() : 0;
    }



}
