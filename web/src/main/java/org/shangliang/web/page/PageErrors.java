package org.shangliang.web.page;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.shangliang.web.api.ApiProblem;
import org.shangliang.web.api.ServiceUnavailable;
import org.shangliang.web.api.SignInRequired;
import org.shangliang.web.signin.Continuation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * What a person sees when a page cannot do what they asked: sign-in again (and back to the page with
 * what they typed), a friendly page while a service is down (what they typed kept), or a plain
 * "not found" / "not allowed" page. Never a stack trace or a framework page.
 */
@ControllerAdvice
class PageErrors {

    private static final Logger log = LoggerFactory.getLogger(PageErrors.class);

    @ExceptionHandler(SignInRequired.class)
    String signInAgain(HttpServletRequest request) {
        Continuation.remember(request);
        SecurityContextHolder.clearContext();
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.removeAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY);
        }
        return "redirect:/login?expired";
    }

    @ExceptionHandler(ServiceUnavailable.class)
    String down(ServiceUnavailable e, HttpServletRequest request, HttpServletResponse response, Model model) {
        log.warn("{} {}: {} unavailable", request.getMethod(), request.getRequestURI(), e.service());
        String back = request.getRequestURI();
        if ("POST".equals(request.getMethod())) {
            String page = Continuation.safe(request.getParameter("_page"));
            if (page != null) {
                Continuation.saveDraft(request.getSession(true), page, request);
                back = page;
            }
        }
        Viewer.common(model, request);
        response.setStatus(503);
        response.setHeader("Retry-After", "10");
        model.addAttribute("back", back);
        return "error/down";
    }

    @ExceptionHandler(ApiProblem.class)
    String problem(ApiProblem e, HttpServletRequest request, HttpServletResponse response, Model model) {
        Viewer.common(model, request);
        response.setStatus(e.status() >= 400 && e.status() < 600 ? e.status() : 500);
        if (e.status() == 404) {
            return "error/404";
        }
        if (e.status() == 403) {
            return "error/403";
        }
        log.warn("{} {}: the API answered {}", request.getMethod(), request.getRequestURI(), e.getMessage());
        model.addAttribute("message", e.message());
        model.addAttribute("reference", MDC.get("requestId"));
        return "error";
    }
}
