package org.shangliang.platform.domain;

/**
 * A bad field found by a service's own rule (not a bean-validation annotation), with its message
 * as a key: put a list of these as a problem's {@code errors} and each becomes a {@code FieldError}
 * in the caller's language when the problem is answered.
 *
 * @param field    the field's path ({@code outcomes[0].ballot})
 * @param key      the message key in the service's messages
 * @param fallback the English text when the key is missing
 * @param args     the message's arguments
 */
public record FieldProblem(String field, String key, String fallback, Object... args) {
}
