package org.shangliang.web.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Problem Details answer of the API (RFC 9457): its status, localized title and detail, and the
 * fields it names, so a page can show each message next to the field it concerns.
 */
public class ApiProblem extends RuntimeException {

    private final int status;
    private final String type;
    private final String title;
    private final String detail;
    private final Map<String, String> fieldErrors;
    private final Map<String, Object> properties;

    public ApiProblem(int status, String type, String title, String detail, Map<String, String> fieldErrors,
                      Map<String, Object> properties) {
        super(status + " " + (detail == null ? title : detail));
        this.status = status;
        this.type = type;
        this.title = title;
        this.detail = detail;
        this.fieldErrors = fieldErrors == null ? Map.of() : fieldErrors;
        this.properties = properties == null ? Map.of() : properties;
    }

    @SuppressWarnings("unchecked")
    static ApiProblem from(int status, Map<String, Object> body) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (body.get("errors") instanceof List<?> errors) {
            for (Object e : errors) {
                if (e instanceof Map<?, ?> m && m.get("field") != null) {
                    fields.merge(String.valueOf(m.get("field")), String.valueOf(m.get("message")), (a, b) -> a + "；" + b);
                }
            }
        }
        return new ApiProblem(status, (String) body.get("type"), (String) body.get("title"),
                (String) body.get("detail"), fields, body);
    }

    public int status() {
        return status;
    }

    /** The last part of the problem type (for example {@code not-found}, {@code invalid-transition}). */
    public String kind() {
        return type == null ? "" : type.substring(type.lastIndexOf('/') + 1);
    }

    public String title() {
        return title;
    }

    /** What a person reads: the detail, or the title when there is none. */
    public String message() {
        return detail != null && !detail.isBlank() ? detail : title;
    }

    public Map<String, String> fieldErrors() {
        return fieldErrors;
    }

    public Map<String, Object> properties() {
        return properties;
    }
}
