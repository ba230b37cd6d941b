package org.shangliang.web.inbox;

import java.io.Serializable;
import java.time.Duration;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.shangliang.web.api.Api;
import org.shangliang.web.api.ApiProblem;
import org.shangliang.web.api.ServiceUnavailable;
import org.shangliang.web.api.SignInRequired;
import org.shangliang.web.page.Viewer;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The unread count in the header of every page a signed-in person sees. It is asked of the API at
 * most every {@link #FRESH} per session (in the browser the count then follows new messages live),
 * so browsing costs no extra call per page; reading messages forgets it at once. A notification
 * service that is down only hides the badge: the page itself still shows.
 */
@Component
public class UnreadBadge implements HandlerInterceptor, WebMvcConfigurer {

    static final Duration FRESH = Duration.ofSeconds(10);
    private static final String KEPT = UnreadBadge.class.getName() + ".kept";

    /** The count and when it was asked. */
    private record Kept(long unread, long askedAt) implements Serializable {
    }

    private final Api api;

    UnreadBadge(Api api) {
        this.api = api;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).excludePathPatterns("/assets/**", "/inbox/stream");
    }

    @Override
    public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler,
                           ModelAndView view) {
        if (view == null || Viewer.current() == null || view.getModel().containsKey("unread")
                || (view.getViewName() != null && view.getViewName().startsWith("redirect:"))) {
            return;
        }
        var session = request.getSession(false);
        long now = System.nanoTime();
        if (session != null && session.getAttribute(KEPT) instanceof Kept kept && now - kept.askedAt() < FRESH.toNanos()) {
            view.addObject("unread", kept.unread());
            return;
        }
        try {
            Object answer = api.getWithQuery("/api/notifications", Map.of("size", 1)).get("unreadCount");
            long unread = answer instanceof Number n ? n.longValue() : 0L;
            view.addObject("unread", unread);
            if (session != null) {
                session.setAttribute(KEPT, new Kept(unread, now));
            }
        } catch (ApiProblem | ServiceUnavailable | SignInRequired e) {
            view.addObject("unread", 0L);
        }
    }

    /** After reading messages the count is asked again on the next page. */
    static void forget(HttpSession session) {
        if (session != null) {
            session.removeAttribute(KEPT);
        }
    }
}
