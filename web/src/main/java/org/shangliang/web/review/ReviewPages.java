package org.shangliang.web.review;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.shangliang.web.api.Api;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The committee's review queue: proposed topics, those with enough supports first (they wait for a
 * decision), then the most supported; and the accepted topics still waiting for a meeting. The review
 * form itself is on each topic's page.
 */
@Controller
class ReviewPages {

    /** How many accepted topics the page lists; the rest are on the topics page. */
    static final int WAITING_SHOWN = 10;

    private final Api api;

    ReviewPages(Api api) {
        this.api = api;
    }

    @GetMapping("/review")
    String queue(Model model) {
        List<Map<String, Object>> proposed = new ArrayList<>(
                Api.items(api.getWithQuery("/api/topics", Map.of("status", "PROPOSED", "size", 100))));
        proposed.sort(QUEUE);
        Map<String, Object> accepted = api.getWithQuery("/api/topics", Map.of("status", "ACCEPTED", "size", 100));
        List<Map<String, Object>> waiting = new ArrayList<>(Api.items(accepted));
        // The longest waiting first.
        waiting.sort(Comparator.comparing(t -> String.valueOf(t.getOrDefault("updatedAt", ""))));
        model.addAttribute("proposed", proposed);
        model.addAttribute("due", proposed.stream().filter(ReviewPages::reached).count());
        model.addAttribute("waiting", waiting.subList(0, Math.min(WAITING_SHOWN, waiting.size())));
        model.addAttribute("waitingTotal", waiting.size());
        return "committee/review";
    }

    /** Reached their threshold first, then by supports, most first; older first among equals. */
    static final Comparator<Map<String, Object>> QUEUE = Comparator
            .comparing((Map<String, Object> t) -> reached(t) ? 0 : 1)
            .thenComparing(Comparator.comparingInt((Map<String, Object> t) -> count(t.get("supportCount"))).reversed())
            .thenComparing(t -> String.valueOf(t.getOrDefault("createdAt", "")));

    /** Whether a topic has the supports it needs to be reviewed. */
    static boolean reached(Map<String, Object> topic) {
        return count(topic.get("supportCount")) >= count(topic.get("supportThreshold"));
    }

    private static int count(Object value) {
        return value instanceof Number n ? n.intValue() : 0;
    }
}
