package org.shangliang.platform.web;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.util.UriUtils;
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
     * The problem of a bare status that no handler described: what Tomcat refuses before Spring (a
     * request target with an encoded {@code /}) and what reaches the container's error page (a
     * {@code ;} the security firewall refuses, any other {@code sendError}).
     */
    public ProblemDetail ofStatus(HttpStatus status, Locale locale) {
        return switch (status) {
            case BAD_REQUEST -> problem(status, "invalid-request", "problem.request-target",
                    "The address of the request has characters that are not allowed ([, ], ; or an encoded /)", locale);
            case NOT_FOUND -> problem(status, "not-found", "problem.path-not-found", "There is nothing at this address",
                    locale);
            case UNAUTHORIZED -> problem(status, "unauthenticated", "problem.unauthenticated.detail",
                    "A valid access token is needed", locale);
            case FORBIDDEN -> problem(status, "forbidden", "problem.forbidden.role", "Your role does not allow this",
                    locale);
            default -> status.is4xxClientError() ? problem(status, "invalid-request", null, status.getReasonPhrase(), locale)
                    : problem(status, "internal", "problem.internal.detail",
                            "Something went wrong on our side; the request id helps us find out what", locale);
        };
    }

    /**
     * A problem's {@code instance} from a request's path, percent-encoded where the path has what a
     * URI may not carry as such ({@code [}, {@code |}, a space); null when there is no path or it is
     * too broken to repeat back (a {@code %} that escapes nothing).
     */
    public static URI instance(String path) {
        if (path == null) {
            return null;
        }
        try {
            return URI.create(path);
        } catch (IllegalArgumentException notAUri) {
            try {
                return URI.create(UriUtils.encodePath(
                        UriUtils.decode(path, StandardCharsets.UTF_8),
                        StandardCharsets.UTF_8));
            } catch (IllegalArgumentException undecodable) {
                return null;
            }
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
        write(request, response, problem(status, kind, detailKey, fallbackDetail, localeOf(request), args));
    }

    /** Writes this problem straight to the response, with the request's path as its instance. */
    public void write(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem) throws IOException {
        problem.setInstance(instance(request.getRequestURI()));
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), problem);
    }
}
