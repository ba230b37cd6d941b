package org.shangliang.web.page;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.ResponseCookie;

/**
 * How a person wants the pages shown: large text (base 20 px instead of 17 px) and high contrast,
 * kept in a cookie for a year so the choice holds on this phone before and after signing in.
 */
public record Display(boolean large, boolean contrast) {

    static final String COOKIE = "SHANGLIANG_DISPLAY";

    static Display of(HttpServletRequest request) {
        Set<String> parts = Set.of();
        if (request.getCookies() != null) {
            for (Cookie c : request.getCookies()) {
                if (COOKIE.equals(c.getName())) {
                    parts = Arrays.stream(c.getValue().split("\\.")).collect(Collectors.toSet());
                }
            }
        }
        return new Display(parts.contains("large"), parts.contains("contrast"));
    }

    Display toggle(String what) {
        return switch (what) {
            case "large" -> new Display(!large, contrast);
            case "contrast" -> new Display(large, !contrast);
            default -> this;
        };
    }

    void write(HttpServletResponse response) {
        String value = (large ? "large." : "") + (contrast ? "contrast." : "") + "v1";
        response.addHeader("Set-Cookie", ResponseCookie.from(COOKIE, value).path("/").maxAge(365L * 24 * 3600)
                .httpOnly(true).sameSite("Lax").build().toString());
    }

    /** The classes of the page's root element. */
    public String classes() {
        return (large ? "large-text " : "") + (contrast ? "high-contrast" : "");
    }
}
