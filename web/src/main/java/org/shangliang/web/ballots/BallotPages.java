package org.shangliang.web.ballots;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import org.shangliang.web.api.Api;
import org.shangliang.web.api.ApiProblem;
import org.shangliang.web.page.Forms;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Owners' votes (业主表决) as residents see them: the ballots of their community with open ones first,
 * a ballot with its rule, deadline and live turnout, voting in two steps (choose, then confirm: a
 * vote cannot be changed), the receipt afterwards, and the result drawn by area and by headcount.
 * A choice travels only in POST bodies, never in an address.
 */
@Controller
public class BallotPages {

    static final List<String> CHOICES = List.of("FOR", "AGAINST", "ABSTAIN");
    /** Open ballots first (the one closing soonest on top), then those still to open, then the rest. */
    private static final List<String> ORDER = List.of("OPEN", "SCHEDULED", "CLOSED", "NOT_OPENED");

    private final Api api;
    private final MessageSource messages;

    BallotPages(Api api, MessageSource messages) {
        this.api = api;
        this.messages = messages;
    }

    @GetMapping("/ballots")
    String list(Model model) {
        List<Map<String, Object>> ballots = new ArrayList<>(Api.items(api.getWithQuery("/api/ballots", Map.of("size", 100))));
        ballots.sort(Comparator.<Map<String, Object>>comparingInt(b -> rank(b.get("status")))
                .thenComparing(b -> "OPEN".equals(b.get("status")) ? String.valueOf(b.get("closesAt")) : ""));
        model.addAttribute("ballots", ballots);
        model.addAttribute("titles", titles(api, ballots));
        return "ballots/list";
    }

    @GetMapping("/ballots/{id}")
    String ballot(@PathVariable String id, HttpServletRequest request, Model model) {
        model.addAttribute("form", Forms.prefill(request));
        model.addAttribute("once", Forms.once());
        return ballotPage(id, model);
    }

    /** The first step of voting: the choice is shown back for confirming, nothing is sent to the API yet. */
    @PostMapping("/ballots/{id}/confirmation")
    String confirm(@PathVariable String id, @RequestParam(required = false) String choice, HttpServletRequest request,
                   Model model) {
        if (choice == null || !CHOICES.contains(choice)) {
            model.addAttribute("form", Forms.typed(request));
            model.addAttribute("errors", Map.of("choice", text("ballot.vote.choose")));
            model.addAttribute("problem", text("ballot.vote.choose"));
            model.addAttribute("once", Forms.once());
            return ballotPage(id, model);
        }
        Map<String, Object> ballot = api.get("/api/ballots/{id}", id);
        if (!canVote(ballot)) {
            return "redirect:/ballots/" + id;
        }
        model.addAttribute("ballot", ballot);
        model.addAttribute("topicTitle", titles(api, List.of(ballot)).get(ballot.get("topicId")));
        model.addAttribute("choice", choice);
        model.addAttribute("once", Forms.once());
        // After a sign-in or an outage the person comes back to the ballot with the choice kept (in the session).
        model.addAttribute("page", "/ballots/" + id);
        return "ballots/confirm";
    }

    @PostMapping("/ballots/{id}/votes")
    String vote(@PathVariable String id, @RequestParam(required = false) String choice, HttpServletRequest request,
                Model model) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("choice", choice == null || choice.isBlank() ? null : choice.strip());
        return Forms.send(request, model, () -> {
            api.post("/api/ballots/{id}/votes", body, id);
            return "redirect:/ballots/" + id + "?voted";
        }, problem -> ballotPage(id, model));
    }

    /** The owner says a vote recorded for her offline is not hers; the committee resolves it. */
    @PostMapping("/ballots/{id}/contest")
    String contest(@PathVariable String id, @RequestParam(required = false) String reason, HttpServletRequest request,
                   Model model) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("reason", Forms.optional(reason));
        return Forms.send(request, model, () -> {
            api.post("/api/ballots/{id}/my-vote/contest", body, id);
            return "redirect:/ballots/" + id + "?contested";
        }, problem -> ballotPage(id, model));
    }

    @GetMapping("/ballots/{id}/result")
    String result(@PathVariable String id, Model model) {
        Map<String, Object> result;
        try {
            result = api.get("/api/ballots/{id}/result", id);
        } catch (ApiProblem problem) {
            if (problem.status() == 409) {
                // Not closed yet: the ballot itself, with its live turnout.
                return "redirect:/ballots/" + id;
            }
            throw problem;
        }
        Map<String, Object> ballot = api.get("/api/ballots/{id}", id);
        model.addAttribute("ballot", ballot);
        model.addAttribute("result", result);
        model.addAttribute("topicTitle", titles(api, List.of(ballot)).get(ballot.get("topicId")));
        model.addAttribute("byArea", Charts.dimension("area", result, true));
        model.addAttribute("byOwners", Charts.dimension("owners", result, false));
        return "ballots/result";
    }

    private String ballotPage(String id, Model model) {
        Map<String, Object> ballot = api.get("/api/ballots/{id}", id);
        model.addAttribute("ballot", ballot);
        model.addAttribute("topicTitle", titles(api, List.of(ballot)).get(ballot.get("topicId")));
        model.addAttribute("turnout", Turnout.of(ballot));
        model.addAttribute("choices", CHOICES);
        model.addAttribute("canVote", canVote(ballot));
        Map<String, Object> myVote = null;
        if (Boolean.TRUE.equals(ballot.get("voted"))) {
            try {
                myVote = api.get("/api/ballots/{id}/my-vote", id);
            } catch (ApiProblem problem) {
                if (problem.status() != 404 && problem.status() != 403) {
                    throw problem;
                }
            }
        }
        model.addAttribute("myVote", myVote);
        return "ballots/ballot";
    }

    static boolean canVote(Map<String, Object> ballot) {
        return "OPEN".equals(ballot.get("status")) && Boolean.TRUE.equals(ballot.get("inElectorate"))
                && !Boolean.TRUE.equals(ballot.get("voted"));
    }

    private static int rank(Object status) {
        int i = ORDER.indexOf(String.valueOf(status));
        return i < 0 ? ORDER.size() : i;
    }

    /**
     * The titles of the ballots' topics, each topic asked once (a community has few ballots). A topic
     * that cannot be read is left out; the page then says "议题" without a title.
     */
    public static Map<String, String> titles(Api api, List<Map<String, Object>> ballots) {
        Map<String, String> titles = new LinkedHashMap<>();
        Set<String> asked = new HashSet<>();
        for (Map<String, Object> b : ballots) {
            Object topicId = b.get("topicId");
            if (topicId == null || !asked.add(topicId.toString())) {
                continue;
            }
            Map<String, Object> topic = api.getIfReadable("/api/topics/{id}", topicId);
            if (topic != null && topic.get("title") != null) {
                titles.put(topicId.toString(), topic.get("title").toString());
            }
        }
        return titles;
    }

    private String text(String key) {
        return messages.getMessage(key, null, key, LocaleContextHolder.getLocale());
    }

    /** A ballot's live turnout as the pages show it: owners and area, with percentages of the electorate. */
    record Turnout(String owners, String electorateOwners, String ownersPercent, String area, String electorateArea,
                   String areaPercent, long ownersValue, long ownersMax, String areaValue, String areaMax) {

        static Turnout of(Map<String, Object> ballot) {
            if (!(ballot.get("turnout") instanceof Map<?, ?>) || !(ballot.get("electorate") instanceof Map<?, ?>)) {
                return null;
            }
            var owners = Charts.decimal(Charts.nested(ballot, "turnout", "owners"));
            var area = Charts.decimal(Charts.nested(ballot, "turnout", "area"));
            var allOwners = Charts.decimal(Charts.nested(ballot, "electorate", "owners"));
            var allArea = Charts.decimal(Charts.nested(ballot, "electorate", "area"));
            return new Turnout(Charts.number(owners, false), Charts.number(allOwners, false),
                    Charts.percent(Charts.nested(ballot, "turnout", "ownersRatio")), Charts.number(area, true),
                    Charts.number(allArea, true), Charts.percent(Charts.nested(ballot, "turnout", "areaRatio")),
                    owners == null ? 0 : owners.longValue(), allOwners == null ? 0 : allOwners.longValue(),
                    area == null ? "0" : area.toPlainString(), allArea == null ? "0" : allArea.toPlainString());
        }
    }
}
