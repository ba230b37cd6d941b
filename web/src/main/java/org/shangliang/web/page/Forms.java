package org.shangliang.web.page;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.shangliang.web.api.ApiProblem;
import org.shangliang.web.api.Fields;
import org.shangliang.web.signin.Continuation;
import org.springframework.ui.Model;
import org.springframework.web.util.WebUtils;

/**
 * How every form of the site is sent, so each behaves the same for the person using it:
 * <ul>
 *   <li>a form is sent once: it carries a one-time token ({@code _once}); a second tap or a resend
 *   of the same form goes to where the first went, without calling the API again;</li>
 *   <li>a problem the API names (a field, a rule) shows the form again with the message next to the
 *   field and what was typed still in it;</li>
 *   <li>sign-in needed or a service down: what was typed is kept for the page ({@code _page}) by the
 *   handlers in {@link PageErrors}.</li>
 * </ul>
 */
public final class Forms {

    private static final String SENT = Forms.class.getName() + ".sent";
    private static final int REMEMBERED = 100;
    private static final String IN_FLIGHT = "";

    private Forms() {
    }

    /** Optional text: blank is absent. */
    public static String optional(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** Text without surrounding spaces (absent stays absent, so the API names a missing field). */
    public static String text(String value) {
        return value == null ? null : value.strip();
    }

    /** A number typed into a form; what is not a number goes to the API as typed, so it names the field. */
    public static Object number(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            return value.strip();
        }
    }

    /** A new one-time token for a form being shown. */
    public static String once() {
        return UUID.randomUUID().toString();
    }

    /**
     * Sends a form: runs {@code action} (which calls the API and answers where to go next) unless the
     * same form was sent before; on a problem of the API, answers {@code onProblem}'s view with
     * {@code form} (what was typed), {@code errors} (per field) and {@code problem} (the message) in the model.
     */
    public static String send(HttpServletRequest request, Model model, Supplier<String> action,
                              Function<ApiProblem, String> onProblem) {
        String token = request.getParameter("_once");
        Map<String, String> sent = sent(request.getSession(true));
        if (token != null && sent.putIfAbsent(token, IN_FLIGHT) != null) {
            return afterFirst(sent, token);
        }
        boolean done = false;
        try {
            String next = action.get();
            if (token != null) {
                sent.put(token, next);
            }
            done = true;
            return next;
        } catch (ApiProblem problem) {
            if (problem.status() == 403 || problem.status() == 404) {
                throw problem;
            }
            model.addAttribute("form", typed(request));
            model.addAttribute("errors", problem.fieldErrors());
            model.addAttribute("problem", problem.message());
            model.addAttribute("once", once());
            String page = Continuation.safe(request.getParameter("_page"));
            if (page != null) {
                model.addAttribute("page", page);
                model.addAttribute("pagePath", page.replaceAll("\\?.*", ""));
            }
            return onProblem.apply(problem);
        } finally {
            if (!done && token != null) {
                sent.remove(token);
            }
        }
    }

    /** Whether this form (its one-time token) was sent already or is being sent: a double tap. */
    public static boolean sentBefore(HttpServletRequest request) {
        String token = request.getParameter("_once");
        HttpSession session = request.getSession(false);
        return token != null && session != null && sent(session).containsKey(token);
    }

    /** The same form sent again (a double tap): where the first went, once it has finished. */
    private static String afterFirst(Map<String, String> sent, String token) {
        long deadline = System.nanoTime() + 15_000_000_000L;
        String next = sent.get(token);
        while (IN_FLIGHT.equals(next) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            next = sent.get(token);
        }
        return next == null || IN_FLIGHT.equals(next) ? "redirect:/" : next;
    }

    /** The values to show in a form: kept ones (after a sign-in or an outage) or none. */
    public static Map<String, Object> prefill(HttpServletRequest request) {
        return Fields.of(Continuation.takeDraft(request));
    }

    /** What was typed into the submitted form, for showing it again. */
    public static Map<String, Object> typed(HttpServletRequest request) {
        Map<String, Object> values = new Fields();
        request.getParameterMap().forEach((k, v) -> {
            if (!k.startsWith("_") && v.length > 0) {
                values.put(k, String.join("\n", v));
            }
        });
        return values;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> sent(HttpSession session) {
        synchronized (WebUtils.getSessionMutex(session)) {
            Object existing = session.getAttribute(SENT);
            if (existing instanceof Map<?, ?> map) {
                return (Map<String, String>) map;
            }
            Map<String, String> created = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
                    return size() > REMEMBERED;
                }
            });
            session.setAttribute(SENT, created);
            return created;
        }
    }
}
