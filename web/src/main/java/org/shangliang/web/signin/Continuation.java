package org.shangliang.web.signin;

import java.io.Serial;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

/**
 * What a person was doing when they had to sign in: the page to return to and what they had typed
 * into its form. Kept in the (new) session across the sign-in, and handed back once.
 *
 * <p>A form names the page it sits on in the hidden field {@code _page}; only paths of this site
 * are accepted as places to return to.
 */
public final class Continuation {

    static final String PAGE = Continuation.class.getName() + ".page";
    static final String DRAFTS = Continuation.class.getName() + ".drafts";

    /** Form fields that are never kept: the CSRF token, the one-time submit token, passwords. */
    private static final Set<String> NOT_KEPT = Set.of("_csrf", "_once", "password", "_page");

    private Continuation() {
    }

    /** Draft values of one form page. */
    public record Draft(Map<String, String> values) implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;
    }

    /** Remembers where to come back to, and the submitted form's values when it was a form. */
    public static void remember(HttpServletRequest request) {
        HttpSession session = request.getSession(true);
        String page;
        if ("POST".equals(request.getMethod())) {
            page = safe(request.getParameter("_page"));
            if (page != null) {
                saveDraft(session, page, request);
            }
        } else {
            page = safe(request.getRequestURI() + (request.getQueryString() == null ? "" : "?" + request.getQueryString()));
        }
        if (page != null) {
            session.setAttribute(PAGE, page);
        }
    }

    /** Keeps a form's values for its page (a service was down, or sign-in was needed). */
    public static void saveDraft(HttpSession session, String page, HttpServletRequest request) {
        Map<String, String> values = new LinkedHashMap<>();
        request.getParameterMap().forEach((k, v) -> {
            if (!NOT_KEPT.contains(k) && v.length > 0) {
                values.put(k, String.join("\n", v));
            }
        });
        drafts(session).put(page, new Draft(values));
    }

    /** The values kept for this page, once; empty when there are none. */
    public static Map<String, String> takeDraft(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session == null) {
            return Map.of();
        }
        String page = request.getRequestURI() + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
        Draft draft = drafts(session).remove(page);
        if (draft == null) {
            draft = drafts(session).remove(request.getRequestURI());
        }
        return draft == null ? Map.of() : draft.values();
    }

    /** Where to go after signing in (once), or the home page. */
    static String takePage(HttpSession session) {
        if (session == null) {
            return "/";
        }
        Object page = session.getAttribute(PAGE);
        session.removeAttribute(PAGE);
        return page instanceof String p ? p : "/";
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Draft> drafts(HttpSession session) {
        Object drafts = session.getAttribute(DRAFTS);
        if (drafts instanceof Map<?, ?> map) {
            return (Map<String, Draft>) map;
        }
        Map<String, Draft> created = new ConcurrentHashMap<>();
        session.setAttribute(DRAFTS, created);
        return created;
    }

    /** A path of this site only: no scheme, no host, no protocol-relative {@code //}, no back-slashes. */
    public static String safe(String page) {
        if (page == null || !page.startsWith("/") || page.startsWith("//") || page.contains("\\")
                || page.chars().anyMatch(c -> c < 0x20 || c == 0x7f)
                || page.startsWith("/login") || page.startsWith("/logout") || page.length() > 500) {
            return null;
        }
        return page;
    }
}
