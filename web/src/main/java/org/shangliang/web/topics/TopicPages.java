package org.shangliang.web.topics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import org.shangliang.contracts.PlacePaths;
import org.shangliang.contracts.topic.OpinionStance;
import org.shangliang.contracts.topic.TopicCategory;
import org.shangliang.contracts.topic.TopicStatus;
import org.shangliang.web.api.Api;
import org.shangliang.web.api.ApiProblem;
import org.shangliang.web.page.Forms;
import org.shangliang.web.page.Places;
import org.shangliang.web.page.Viewer;
import org.shangliang.web.signin.SignedIn;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Topics (议题) as residents see them: the list with what concerns their own entrance and building
 * first, a topic's page with its supports, opinions and path, and proposing a new one. The
 * committee's review and the staff's progress are forms on the same page, shown to those roles.
 */
@Controller
class TopicPages {

    /** The main path of a topic; REJECTED and WITHDRAWN end it early and are shown instead. */
    static final List<String> PATH = List.of("PROPOSED", "ACCEPTED", "IN_DELIBERATION", "VOTING", "APPROVED",
            "IMPLEMENTING", "COMPLETED");
    static final Set<String> UNDECIDED = Set.of("PROPOSED", "ACCEPTED", "IN_DELIBERATION", "VOTING");

    private final Api api;
    private final Places places;

    TopicPages(Api api, Places places) {
        this.api = api;
        this.places = places;
    }

    @GetMapping("/")
    String home(@RequestParam(required = false) String status, @RequestParam(required = false) String q, Model model) {
        SignedIn me = Viewer.current();
        var query = new LinkedHashMap<String, Object>();
        query.put("size", 100);
        query.put("status", status);
        query.put("q", q);
        Map<String, Object> page = api.getWithQuery("/api/topics", query);
        List<Map<String, Object>> topics = new ArrayList<>(Api.items(page));
        String home = me == null ? null : me.home();
        // What concerns my entrance first, then my building, estate, community; open ones before decided ones.
        topics.sort(Comparator.<Map<String, Object>>comparingInt(t -> Places.nearness((String) t.get("scope"), home))
                .thenComparing(t -> UNDECIDED.contains(String.valueOf(t.get("status"))) ? 0 : 1));
        model.addAttribute("topics", topics);
        model.addAttribute("total", page.get("total"));
        model.addAttribute("statuses", TopicStatus.values());
        model.addAttribute("status", status);
        model.addAttribute("q", q);
        return "topics/home";
    }

    @GetMapping("/topics/{id}")
    String topic(@PathVariable String id, HttpServletRequest request, Model model) {
        Map<String, Object> topic = api.get("/api/topics/{id}", id);
        Map<String, Object> opinions = api.getWithQuery("/api/topics/{id}/opinions", Map.of("size", 100), id);
        show(topic, opinions, model);
        model.addAttribute("form", Forms.prefill(request));
        model.addAttribute("once", Forms.once());
        return "topics/topic";
    }

    private void show(Map<String, Object> topic, Map<String, Object> opinions, Model model) {
        SignedIn me = Viewer.current();
        String status = String.valueOf(topic.get("status"));
        boolean resident = me != null && me.has("RESIDENT");
        boolean undecided = UNDECIDED.contains(status);
        boolean supported = Boolean.TRUE.equals(topic.get("supportedByMe"));
        boolean proposer = me != null && me.userId().equals(topic.get("proposerId"));
        model.addAttribute("topic", topic);
        model.addAttribute("opinions", Api.items(opinions));
        model.addAttribute("opinionCounts", opinions.getOrDefault("counts", Map.of()));
        model.addAttribute("stances", OpinionStance.values());
        model.addAttribute("steps", steps(status));
        model.addAttribute("canSupport", resident && undecided && !supported);
        model.addAttribute("canUnsupport", resident && undecided && supported && !proposer);
        model.addAttribute("canWithdraw", proposer && "PROPOSED".equals(status));
        model.addAttribute("canReview", me != null && me.has("COMMITTEE") && "PROPOSED".equals(status));
        model.addAttribute("canProgress", me != null && me.has("STAFF") && Set.of("APPROVED", "IMPLEMENTING").contains(status));
        boolean completed = "COMPLETED".equals(status);
        String scope = String.valueOf(topic.get("scope"));
        boolean livesInScope = me != null && PlacePaths.within(me.home(), scope);
        model.addAttribute("canRate", resident && completed && livesInScope);
        boolean worker = me != null && (me.has("COMMITTEE") || me.has("STAFF"));
        model.addAttribute("canFollowUp", worker && completed);
        if (completed) {
            try {
                model.addAttribute("ratings", api.get("/api/topics/{id}/ratings", topic.get("id")));
            } catch (ApiProblem unreadable) {
                // the page still shows the average from the topic itself
            }
        }
        model.addAttribute("canOpine", me != null && !Set.of("REJECTED", "WITHDRAWN").contains(status));
    }

    /** The path as steps: done, the current one, still to come. */
    static List<Map<String, String>> steps(String status) {
        List<Map<String, String>> steps = new ArrayList<>();
        int current = PATH.indexOf(status);
        if (current < 0) {
            steps.add(Map.of("status", "PROPOSED", "state", "done"));
            steps.add(Map.of("status", status, "state", "current"));
            return steps;
        }
        for (int i = 0; i < PATH.size(); i++) {
            steps.add(Map.of("status", PATH.get(i), "state", i < current ? "done" : i == current ? "current" : "todo"));
        }
        return steps;
    }

    @GetMapping("/topics/new")
    String proposeForm(HttpServletRequest request, Model model) {
        model.addAttribute("form", Forms.prefill(request));
        model.addAttribute("once", Forms.once());
        return proposePage(model);
    }

    private String proposePage(Model model) {
        SignedIn me = Viewer.current();
        model.addAttribute("categories", TopicCategory.values());
        model.addAttribute("levels", places.levelsOf(me == null ? null : me.home()));
        return "topics/new";
    }

    @PostMapping("/topics")
    String propose(@RequestParam Map<String, String> form, HttpServletRequest request, Model model) {
        if (!"yes".equals(form.get("confirmSimilar"))) {
            List<Map<String, Object>> similar = similarTopics(form.get("title"), form.get("scope"));
            // a double tap finds the topic its first tap made: that one goes where the first went
            if (!similar.isEmpty() && !Forms.sentBefore(request)) {
                // Nothing is sent yet: the person sees the topics it would repeat, and proposes anyway or supports one.
                model.addAttribute("form", Forms.typed(request));
                model.addAttribute("similar", similar);
                model.addAttribute("once", request.getParameter("_once"));
                return proposePage(model);
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", Forms.text(form.get("title")));
        body.put("description", Forms.optional(form.get("description")));
        body.put("category", Forms.optional(form.get("category")));
        body.put("scope", Forms.optional(form.get("scope")));
        return Forms.send(request, model, () -> "redirect:/topics/" + api.post("/api/topics", body).get("id") + "?proposed",
                problem -> proposePage(model));
    }

    /**
     * The topics a proposal would repeat (GET /api/topics/similar). When they cannot be looked up (the
     * title is still empty, the service is slow) the proposal goes ahead: the check helps, it never blocks.
     */
    private List<Map<String, Object>> similarTopics(String title, String scope) {
        if (title == null || title.isBlank() || scope == null || scope.isBlank()) {
            return List.of();
        }
        try {
            Map<String, Object> answer = api.getWithQuery("/api/topics/similar",
                    Map.of("title", title.strip(), "scope", scope.strip()));
            return Api.items(answer);
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    @PostMapping("/topics/{id}/supports")
    String support(@PathVariable String id, HttpServletRequest request, Model model) {
        return act(id, request, model, () -> api.post("/api/topics/{id}/supports", null, id), "supported");
    }

    @PostMapping("/topics/{id}/supports/withdrawal")
    String unsupport(@PathVariable String id, HttpServletRequest request, Model model) {
        return act(id, request, model, () -> api.delete("/api/topics/{id}/supports", id), "unsupported");
    }

    @PostMapping("/topics/{id}/withdrawal")
    String withdraw(@PathVariable String id, HttpServletRequest request, Model model) {
        return act(id, request, model, () -> api.post("/api/topics/{id}/withdrawal", null, id), "withdrawn");
    }

    @PostMapping("/topics/{id}/opinions")
    String opine(@PathVariable String id, @RequestParam Map<String, String> form, HttpServletRequest request,
                 Model model) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("stance", Forms.optional(form.get("stance")));
        body.put("content", Forms.text(form.get("content")));
        return act(id, request, model, () -> api.post("/api/topics/{id}/opinions", body, id), "opinion");
    }

    @PostMapping("/topics/{id}/ratings")
    String rate(@PathVariable String id, @RequestParam Map<String, String> form, HttpServletRequest request,
                Model model) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("stars", Forms.number(form.get("stars")));
        body.put("comment", Forms.optional(form.get("comment")));
        return act(id, request, model, () -> api.post("/api/topics/{id}/ratings", body, id), "rated");
    }

    @PostMapping("/topics/{id}/follow-ups")
    String followUp(@PathVariable String id, @RequestParam Map<String, String> form, HttpServletRequest request,
                    Model model) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("note", Forms.text(form.get("note")));
        return act(id, request, model, () -> api.post("/api/topics/{id}/follow-ups", body, id), "followedUp");
    }

    @PostMapping("/topics/{id}/review")
    String review(@PathVariable String id, @RequestParam Map<String, String> form, HttpServletRequest request,
                  Model model) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("decision", Forms.optional(form.get("decision")));
        body.put("reason", Forms.optional(form.get("reason")));
        return act(id, request, model, () -> api.post("/api/topics/{id}/review", body, id), "reviewed");
    }

    @PostMapping("/topics/{id}/progress")
    String progress(@PathVariable String id, @RequestParam Map<String, String> form, HttpServletRequest request,
                    Model model) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("percent", Forms.number(form.get("percent")));
        body.put("note", Forms.text(form.get("note")));
        return act(id, request, model, () -> api.post("/api/topics/{id}/progress", body, id), "progress");
    }

    @PostMapping("/topics/{id}/completion")
    String complete(@PathVariable String id, @RequestParam Map<String, String> form, HttpServletRequest request,
                    Model model) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("note", Forms.text(form.get("note")));
        return act(id, request, model, () -> api.post("/api/topics/{id}/completion", body, id), "completed");
    }

    /** An action on the topic page: back to the page with a note of what happened, or the page with the problem. */
    private String act(String id, HttpServletRequest request, Model model, Runnable call, String done) {
        return Forms.send(request, model, () -> {
            call.run();
            return "redirect:/topics/" + id + "?done=" + done;
        }, problem -> {
            Map<String, Object> topic = api.get("/api/topics/{id}", id);
            Map<String, Object> opinions = api.getWithQuery("/api/topics/{id}/opinions", Map.of("size", 100), id);
            show(topic, opinions, model);
            model.addAttribute("failedForm", request.getParameter("_form"));
            return "topics/topic";
        });
    }



}
