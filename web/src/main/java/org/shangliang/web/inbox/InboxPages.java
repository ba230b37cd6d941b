package org.shangliang.web.inbox;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.shangliang.web.api.Api;
import org.shangliang.web.api.Fields;
import org.shangliang.web.page.Forms;
import org.shangliang.web.signin.Continuation;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The inbox (消息) and the notification preferences (设置). */
@Controller
class InboxPages {

    /** The kinds of message a person can mute (notification-service's NotificationType). */
    static final List<String> TYPES = List.of("TOPIC_PROPOSED", "TOPIC_THRESHOLD_REACHED", "TOPIC_STATUS_CHANGED",
            "MEETING_SCHEDULED", "MEETING_RESCHEDULED", "MEETING_CANCELLED", "MEETING_REMINDER", "MEETING_CONCLUDED",
            "BALLOT_OPENED", "BALLOT_REMINDER", "BALLOT_EXTENDED", "BALLOT_CLOSED", "TOPIC_COMPLETED",
            "IMPLEMENTATION_DUE", "FOLLOW_UP_NEEDED");

    private final Api api;

    InboxPages(Api api) {
        this.api = api;
    }

    @GetMapping("/inbox")
    String inbox(@RequestParam(defaultValue = "0") int page, Model model) {
        Map<String, Object> answer = api.getWithQuery("/api/notifications", Map.of("page", Math.max(page, 0), "size", 30));
        model.addAttribute("notifications", Api.items(answer).stream().map(n -> {
            Map<String, Object> shown = new Fields(n);
            shown.put("target", target(n));
            return shown;
        }).toList());
        model.addAttribute("unread", answer.get("unreadCount"));
        model.addAttribute("total", answer.get("total"));
        model.addAttribute("pageNumber", Math.max(page, 0));
        model.addAttribute("once", Forms.once());
        return "inbox/inbox";
    }

    /** Opening a message marks it read and goes to what it is about. */
    @PostMapping("/inbox/{id}/read")
    String read(@PathVariable String id, @RequestParam(required = false) String next, HttpServletRequest request) {
        api.post("/api/notifications/{id}/read", null, id);
        UnreadBadge.forget(request.getSession(false));
        String safe = Continuation.safe(next);
        return "redirect:" + (safe != null ? safe : "/inbox");
    }

    @PostMapping("/inbox/read-all")
    String readAll(HttpServletRequest request) {
        api.post("/api/notifications/read-all", null);
        UnreadBadge.forget(request.getSession(false));
        return "redirect:/inbox";
    }

    /** The settings; {@code code} comes from the link in the mail with an address's code, to be confirmed with one tap. */
    @GetMapping("/preferences")
    String preferences(@RequestParam(required = false) String code, HttpServletRequest request, Model model) {
        Map<String, Object> kept = Forms.prefill(request);
        model.addAttribute("form", kept);
        model.addAttribute("once", Forms.once());
        model.addAttribute("code", code != null && code.matches("\\d{6}") ? code : null);
        return showSavedPreferences(model);
    }

    /**
     * The settings page: {@code shown} fills the form (what was saved, or what was typed when the API
     * refused it), {@code saved} says whether the address is confirmed and whether a code waits.
     */
    private static String showPreferences(Map<String, Object> shown, Map<String, Object> saved, Model model) {
        model.addAttribute("prefs", shown);
        model.addAttribute("saved", saved);
        model.addAttribute("types", TYPES);
        return "inbox/preferences";
    }

    private String showSavedPreferences(Model model) {
        Map<String, Object> saved = api.get("/api/notification-preferences");
        return showPreferences(saved, saved, model);
    }

    /** Confirming one's e-mail address with the code mailed to it. */
    @PostMapping("/preferences/verification")
    String confirmEmail(@RequestParam(defaultValue = "") String code, HttpServletRequest request, Model model) {
        return Forms.send(request, model, () -> {
            api.post("/api/notification-preferences/email-verification", Map.of("code", code.strip()));
            return "redirect:/preferences?verified";
        }, problem -> {
            model.addAttribute("code", null);
            return showSavedPreferences(model);
        });
    }

    /** A new code for the unconfirmed address (the first did not arrive, or expired). */
    @PostMapping("/preferences/verification/code")
    String newCode(HttpServletRequest request, Model model) {
        return Forms.send(request, model, () -> {
            api.post("/api/notification-preferences/email-verification/code", null);
            return "redirect:/preferences?codeSent#verify";
        }, problem -> showSavedPreferences(model));
    }

    @PostMapping("/preferences")
    String savePreferences(@RequestParam Map<String, String> form,
                           @RequestParam(name = "muted", required = false) List<String> muted,
                           HttpServletRequest request, Model model) {
        Map<String, Object> body = new LinkedHashMap<>();
        String email = form.get("email");
        body.put("email", email == null || email.isBlank() ? null : email.strip());
        body.put("channels", Map.of("inApp", form.containsKey("inApp"), "email", form.containsKey("emailOn")));
        body.put("mutedCategories", muted == null ? List.of() : muted);
        body.put("language", "en".equals(form.get("language")) ? "en" : "zh-CN");
        return Forms.send(request, model, () -> {
            Map<String, Object> saved = api.put("/api/notification-preferences", body);
            return saved.get("emailVerification") != null && !Boolean.TRUE.equals(saved.get("emailVerified"))
                    ? "redirect:/preferences?saved#verify" : "redirect:/preferences?saved";
        }, problem -> showPreferences(new Fields(body), api.get("/api/notification-preferences"), model));
    }

    /** Where a message leads: its ballot, meeting or topic. */
    static String target(Map<String, Object> n) {
        if (n.get("ballotId") != null) {
            return "/ballots/" + n.get("ballotId");
        }
        if (n.get("meetingId") != null) {
            return "/meetings/" + n.get("meetingId");
        }
        if (n.get("topicId") != null) {
            return "/topics/" + n.get("topicId");
        }
        return "/inbox";
    }
}
