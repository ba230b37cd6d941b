package org.shangliang.web.inbox;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.shangliang.web.api.Api;
import org.shangliang.web.api.ApiProblem;
import org.shangliang.web.api.ServiceUnavailable;
import org.shangliang.web.api.SignInRequired;
import org.shangliang.web.page.Viewer;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;

/**
 * The unread count in the header of every page a signed-in person sees (one small API call; the
 * count then follows new messages live in the browser). A notification service that is down only
 * hides the badge: the page itself still shows.
 */
@Component
public class UnreadBadge implements HandlerInterceptor {

    private final Api api;

    UnreadBadge(Api api) {
        this.api = api;
    }

    @Override
    public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler,
                           ModelAndView view) {
        if (view == null || Viewer.current() == null || view.getModel().containsKey("unread")
                || (view.getViewName() != null && view.getViewName().startsWith("redirect:"))) {
            return;
        }
        try {
            Object unread = api.get("/api/notifications?size=1").get("unreadCount");
            view.addObject("unread", unread instanceof Number n ? n.longValue() : 0L);
        } catch (ApiProblem | ServiceUnavailable | SignInRequired e) {
            view.addObject("unread", 0L);
        }
    }
}
