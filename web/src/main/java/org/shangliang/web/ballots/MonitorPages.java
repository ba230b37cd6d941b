package org.shangliang.web.ballots;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.shangliang.contracts.topic.TopicCategory;
import org.shangliang.contracts.topic.TopicStatus;
import org.shangliang.web.api.Api;
import org.shangliang.web.page.Dates;
import org.shangliang.web.page.Forms;
import org.shangliang.web.page.Viewer;
import org.shangliang.web.signin.Continuation;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * For the committee and staff: the open ballots of their community with their turnout; one ballot
 * with its turnout by building and entrance, the door-to-door list to print, the form to record a
 * paper, door-to-door or on-site vote (by flat, holder or account, with its evidence), extending the
 * closing time and reminding non-voters; and the dashboard of the community's figures. Only
 * turnout is shown here: the API never tells anyone's choice.
 */
@Controller
class MonitorPages {

    static final List<String> CHANNELS = List.of("PAPER", "DOOR_TO_DOOR", "ON_SITE");

    private final Api api;

    MonitorPages(Api api) {
        this.api = api;
    }

    @GetMapping("/monitor")
    String monitor(Model model) {
        List<Map<String, Object>> open = new ArrayList<>(Api.items(api.getWithQuery("/api/ballots",
                Map.of("status", "OPEN", "size", 100))));
        open.sort(Comparator.comparing(b -> String.valueOf(b.get("closesAt"))));
        List<Map<String, Object>> closed = Api.items(api.getWithQuery("/api/ballots",
                Map.of("status", "CLOSED", "size", 5)));
        List<Map<String, Object>> all = new ArrayList<>(open);
        all.addAll(closed);
        Map<String, BallotPages.Turnout> turnouts = new LinkedHashMap<>();
        open.forEach(b -> turnouts.put(String.valueOf(b.get("id")), BallotPages.Turnout.of(b)));
        model.addAttribute("open", open);
        model.addAttribute("closed", closed);
        model.addAttribute("turnouts", turnouts);
        model.addAttribute("titles", BallotPages.titles(api, all));
        return "ballots/monitor";
    }

    @GetMapping("/monitor/{id}")
    String ballot(@PathVariable String id, HttpServletRequest request, Model model) {
        model.addAttribute("form", Forms.prefill(request));
        model.addAttribute("once", Forms.once());
        return ballotPage(id, model);
    }

    @PostMapping("/monitor/{id}/offline-votes")
    String recordVote(@PathVariable String id, @RequestParam Map<String, String> form, HttpServletRequest request,
                      Model model, RedirectAttributes redirect) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("flat", Forms.optional(form.get("flat")));
        body.put("holder", Forms.optional(form.get("holder")));
        body.put("ownerId", Forms.optional(form.get("ownerId")));
        body.put("choice", Forms.optional(form.get("choice")));
        body.put("channel", Forms.optional(form.get("channel")));
        body.put("evidence", Forms.optional(form.get("evidence")));
        String back = Continuation.safe(form.get("_back"));
        return Forms.send(request, model, () -> {
            Map<String, Object> receipt = api.post("/api/ballots/{id}/offline-votes", body, id);
            // The receipt goes to the next page through the session, not the address.
            redirect.addFlashAttribute("receipt", receipt.get("receipt"));
            redirect.addFlashAttribute("recordedOwner", receipt.get("holder"));
            redirect.addFlashAttribute("recordedFlats", receipt.get("flats"));
            return "redirect:" + (back != null ? back + (back.contains("?") ? "&" : "?") + "recorded"
                    : "/monitor/" + id + "?recorded");
        }, problem -> body.get("flat") != null ? recordPage(id, String.valueOf(body.get("flat")), back, model)
                : ballotPage(id, model));
    }

    /** The form for one flat, reached from the door-to-door list: the flat is fixed, the holder shown. */
    @GetMapping("/monitor/{id}/offline-votes")
    String recordForFlat(@PathVariable String id, @RequestParam String flat,
                         @RequestParam(required = false) String back, HttpServletRequest request, Model model) {
        model.addAttribute("form", Forms.prefill(request));
        model.addAttribute("once", Forms.once());
        return recordPage(id, flat, Continuation.safe(back), model);
    }

    private String recordPage(String id, String flat, String back, Model model) {
        Map<String, Object> ballot = api.get("/api/ballots/{id}", id);
        model.addAttribute("ballot", ballot);
        model.addAttribute("topicTitle", BallotPages.titles(api, List.of(ballot)).get(ballot.get("topicId")));
        model.addAttribute("flat", flat);
        model.addAttribute("back", back);
        model.addAttribute("choices", BallotPages.CHOICES);
        model.addAttribute("channels", CHANNELS);
        return "ballots/record-vote";
    }

    /** The committee voids or upholds an owner's contest of a vote recorded for her. */
    @PostMapping("/monitor/{id}/contest-resolutions")
    String resolveContest(@PathVariable String id, @RequestParam Map<String, String> form, HttpServletRequest request,
                          Model model) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("holder", Forms.optional(form.get("holder")));
        body.put("decision", Forms.optional(form.get("decision")));
        body.put("reason", Forms.optional(form.get("reason")));
        return Forms.send(request, model, () -> {
            api.post("/api/ballots/{id}/contest-resolutions", body, id);
            return "redirect:/monitor/" + id + "?resolved#offline-h";
        }, problem -> ballotPage(id, model));
    }

    @PostMapping("/monitor/{id}/extension")
    String extend(@PathVariable String id, @RequestParam Map<String, String> form, HttpServletRequest request,
                  Model model) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("closesAt", Dates.fromInput(form.get("closesAt")));
        body.put("reason", Forms.optional(form.get("reason")));
        return Forms.send(request, model, () -> {
            api.post("/api/ballots/{id}/extension", body, id);
            return "redirect:/monitor/" + id + "?extended";
        }, problem -> ballotPage(id, model));
    }

    /** A ballot without quorum, held again: the same proposal in a new round, opening now. */
    @PostMapping("/monitor/{id}/rerun")
    String rerun(@PathVariable String id, @RequestParam Map<String, String> form, HttpServletRequest request,
                 Model model) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("closesAt", Dates.fromInput(form.get("closesAt")));
        return Forms.send(request, model, () -> {
            Map<String, Object> next = api.post("/api/ballots/{id}/rerun", body, id);
            return "redirect:/monitor/" + next.get("id") + "?rerun";
        }, problem -> ballotPage(id, model));
    }

    @PostMapping("/monitor/{id}/reminders")
    String remind(@PathVariable String id, HttpServletRequest request, Model model, RedirectAttributes redirect) {
        return Forms.send(request, model, () -> {
            Map<String, Object> reminded = api.post("/api/ballots/{id}/reminders", Map.of(), id);
            redirect.addFlashAttribute("remindedOwners", reminded.get("owners"));
            return "redirect:/monitor/" + id + "?reminded";
        }, problem -> ballotPage(id, model));
    }

    /**
     * The door-to-door list (入户征询表) of a building or entrance: every flat with its holder and
     * whether they have voted, one printed page per entrance with room for the choice and a signature.
     */
    @GetMapping("/monitor/{id}/door-to-door")
    String doorToDoor(@PathVariable String id, @RequestParam(required = false) String within, Model model) {
        Map<String, Object> ballot = api.get("/api/ballots/{id}", id);
        Map<String, Object> query = new LinkedHashMap<>();
        if (within != null && !within.isBlank()) {
            query.put("within", within);
        }
        model.addAttribute("ballot", ballot);
        model.addAttribute("topicTitle", BallotPages.titles(api, List.of(ballot)).get(ballot.get("topicId")));
        model.addAttribute("canvass", api.getWithQuery("/api/ballots/{id}/electorate", query, id));
        return "ballots/door-to-door";
    }

    private String ballotPage(String id, Model model) {
        Map<String, Object> ballot = api.get("/api/ballots/{id}", id);
        model.addAttribute("ballot", ballot);
        model.addAttribute("topicTitle", BallotPages.titles(api, List.of(ballot)).get(ballot.get("topicId")));
        model.addAttribute("turnout", BallotPages.Turnout.of(ballot));
        model.addAttribute("choices", BallotPages.CHOICES);
        model.addAttribute("channels", CHANNELS);
        if ("OPEN".equals(ballot.get("status")) || "CLOSED".equals(ballot.get("status"))) {
            model.addAttribute("canvass", api.get("/api/ballots/{id}/electorate", id));
            model.addAttribute("offline", api.get("/api/ballots/{id}/offline-votes", id));
            var me = Viewer.current();
            model.addAttribute("canResolve", "OPEN".equals(ballot.get("status")) && me != null && me.has("COMMITTEE"));
        }
        if ("CLOSED".equals(ballot.get("status"))) {
            Object outcome = api.get("/api/ballots/{id}/result", id).get("outcome");
            model.addAttribute("outcome", outcome);
            var me = Viewer.current();
            model.addAttribute("canRerun", "NO_QUORUM".equals(outcome) && ballot.get("rerunBy") == null
                    && me != null && me.has("COMMITTEE"));
        }
        return "ballots/monitor-ballot";
    }

    @GetMapping("/dashboard")
    String dashboard(Model model) {
        Map<String, Object> dashboard = api.get("/api/dashboard");
        Map<String, ?> byStatus = dashboard.get("byStatus") instanceof Map<?, ?> m ? cast(m) : Map.of();
        Map<String, ?> byCategory = dashboard.get("byCategory") instanceof Map<?, ?> m ? cast(m) : Map.of();
        model.addAttribute("dashboard", dashboard);
        model.addAttribute("byStatus", Charts.rows(keys(TopicStatus.values(), byStatus), byStatus));
        model.addAttribute("byCategory", Charts.rows(keys(TopicCategory.values(), byCategory), byCategory));
        Map<String, Object> turnout = dashboard.get("turnout") instanceof Map<?, ?> t ? cast(t) : null;
        if (turnout != null) {
            model.addAttribute("turnoutOwners", Charts.percent(turnout.get("ownersRatio")));
            model.addAttribute("turnoutArea", Charts.percent(turnout.get("areaRatio")));
            model.addAttribute("participatingArea", Charts.number(Charts.decimal(turnout.get("participatingArea")), true));
            model.addAttribute("electorateArea", Charts.number(Charts.decimal(turnout.get("electorateArea")), true));
        }
        return "staff/dashboard";
    }

    /** Every value of the enum in its order, then any the API knows and this page does not (shown by name). */
    private static List<String> keys(Enum<?>[] values, Map<String, ?> counts) {
        List<String> keys = new ArrayList<>(Arrays.stream(values).map(Enum::name).toList());
        counts.keySet().stream().filter(k -> !keys.contains(k)).forEach(keys::add);
        return keys;
    }

    @SuppressWarnings("unchecked")
    private static <V> Map<String, V> cast(Map<?, ?> map) {
        return (Map<String, V>) map;
    }
}
