package org.shangliang.web.page;

import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.shangliang.web.api.Fields;
import org.shangliang.web.signin.SignedIn;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What every page knows: who is looking ({@code me}, null before sign-in), how they want it shown
 * ({@code display}), their language ({@code english}) and the path of the page ({@code page}, which
 * forms send back as {@code _page} so a sign-in or an outage can bring the person back to it).
 */
@ControllerAdvice
public class Viewer {

    @ModelAttribute("me")
    public SignedIn me() {
        return current();
    }

    @ModelAttribute("display")
    public Display display(HttpServletRequest request) {
        return Display.of(request);
    }

    @ModelAttribute("english")
    public boolean english() {
        return LocaleContextHolder.getLocale().getLanguage().equals(Locale.ENGLISH.getLanguage());
    }

    @ModelAttribute("page")
    public String page(HttpServletRequest request) {
        return request.getRequestURI() + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
    }

    /** The page's path without its query (the language link keeps the person on it). */
    @ModelAttribute("pagePath")
    public String pagePath(HttpServletRequest request) {
        return request.getRequestURI();
    }

    /** Per-field messages of the API after a form was sent (empty until then). */
    @ModelAttribute("errors")
    public Map<String, String> errors() {
        return Map.of();
    }

    /** What was typed into the page's form (empty until a form comes back). */
    @ModelAttribute("form")
    public Map<String, Object> form() {
        return new Fields();
    }

    /** The same for views that no controller method prepared (the error pages of {@link PageErrors}). */
    static void common(Model model, HttpServletRequest request) {
        var viewer = new Viewer();
        model.addAttribute("me", current());
        model.addAttribute("display", viewer.display(request));
        model.addAttribute("english", viewer.english());
        model.addAttribute("page", viewer.page(request));
        model.addAttribute("pagePath", viewer.pagePath(request));
        model.addAttribute("errors", viewer.errors());
        model.addAttribute("form", viewer.form());
    }

    public static SignedIn current() {
        return SignedIn.current();
    }
}
