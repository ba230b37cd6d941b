package org.shangliang.platform.web;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One bad field of a request, as listed in a validation problem's {@code errors}: the field's path
 * ({@code participants[0].affiliation}), what is wrong in the caller's language, and where it helps,
 * the value received and the values allowed.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FieldError(String field, String message, Object value, List<String> allowed) {

    public FieldError(String field, String message) {
        this(field, message, null, null);
    }
}
