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
import org.shangliang.web.page.Forms;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * For the committee and staff: the open ballots of their community with their turnout, one ballot
 * with a form to record a paper, door-to-door or on-site vote (with its evidence), and the dashboard
 * of the community's figures. Only turnout is shown here: the API never tells anyone's choice.
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
        body.put("ownerId", Forms.optional(form.get("ownerId")));
        body.put("choice", Forms.optional(form.get("choice")));
        body.put("channel", Forms.optional(form.get("channel")));
        body.put("evidence", Forms.optional(form.get("evidence")));
        return Forms.send(request, model, () -> {
            Map<String, Object> receipt = api.post("/api/ballots/{id}/offline-votes", body, id);
            // The receipt goes to the next page through the session, not the address.
            redirect.addFlashAttribute("receipt", receipt.get("receipt"));
            redirect.addFlashAttribute("recordedOwner", body.get("ownerId"));
            return "redirect:/monitor/" + id + "?recorded";
        }, problem -> ballotPage(id, model));
    }

    private String ballotPage(String id, Model model) {
        Map<String, Object> ballot = api.get("/api/ballots/{id}", id);
        model.addAttribute("ballot", ballot);
        model.addAttribute("topicTitle", BallotPages.titles(api, List.of(ballot)).get(ballot.get("topicId")));
        model.addAttribute("turnout", BallotPages.Turnout.of(ballot));
        model.addAttribute("choices", BallotPages.CHOICES);
        model.addAttribute("channels", CHANNELS);
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
