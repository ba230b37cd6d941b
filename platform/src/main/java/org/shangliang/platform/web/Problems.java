package org.shangliang.platform.web;

import java.io.IOException;
import java.net.URI;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.servlet.LocaleResolver;
import tools.jackson.databind.json.JsonMapper;

/** Builds localized Problem Details, also where Spring MVC's exception handling does not reach (filters, security). */
public class Problems {

    public static final String TYPE_PREFIX = "urn:shangliang:problem:";

    private final MessageSource messages;
    private final JsonMapper json;
    private final LocaleResolver languages;

    /** @param languages negotiates the caller's language (zh-CN without Accept-Language) */
    public Problems(MessageSource messages, JsonMapper json, LocaleResolver languages) {
        this.messages = messages;
        this.json = json;
        this.languages = languages;
    }

    /** The caller's language, as the rest of the request sees it (also in filters, before MVC). */
    public Locale localeOf(HttpServletRequest request) {
        return languages.resolveLocale(request);
    }

    public ProblemDetail problem(HttpStatus status, String kind, String detailKey, String fallbackDetail,
                                 Locale locale, Object... args) {
        ProblemDetail problem = ProblemDetail.forStatus(status);
        problem.setType(URI.create(TYPE_PREFIX + kind));
        problem.setTitle(messages.getMessage("problem." + kind + ".title", null, status.getReasonPhrase(), locale));
        problem.setDetail(detailKey == null ? fallbackDetail
                : messages.getMessage(detailKey, args, fallbackDetail, locale));
        return problem;
    }

    /**
     * A problem's {@code instance} from a request's path, percent-encoded where the path has what a
     * URI may not carry as such ({@code [}, {@code |}, a space); null when there is no path.
     */
    public static URI instance(String path) {
        if (path == null) {
            return null;
        }
        try {
            return URI.create(path);
        } catch (IllegalArgumentException notAUri) {
            return URI.create(org.springframework.web.util.UriUtils.encodePath(
                    org.springframework.web.util.UriUtils.decode(path, java.nio.charset.StandardCharsets.UTF_8),
                    java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    public String message(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, key, locale);
    }

    /** The message of {@code key} in the locale, or the fallback when there is none. */
    public String message(String key, String fallback, Locale locale, Object... args) {
        return messages.getMessage(key, args, fallback, locale);
    }

    /** Writes a problem straight to the response, for code that runs before MVC. */
    public void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String kind,
                      String detailKey, String fallbackDetail, Object... args) throws IOException {
        ProblemDetail problem = problem(status, kind, detailKey, fallbackDetail, localeOf(request), args);
        problem.setInstance(instance(request.getRequestURI()));
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), problem);
    }
}
