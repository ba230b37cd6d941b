package org.shangliang.platform.domain;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A domain rule said no. The model raises it without knowing about HTTP; one advice
 * ({@code ProblemDetailsAdvice}) answers it as Problem Details: {@link Kind} decides the status,
 * {@code key} names the localized detail (with {@code args}; an argument that is a {@link Label}
 * is itself translated, so a status or action never appears in English inside a Chinese sentence),
 * the message is the English fallback.
 */
public class Rejection extends RuntimeException {

    /** What kind of no: the state does not allow it now, the input breaks a rule, or this person may not. */
    public enum Kind {
        CONFLICT, INVALID, NOT_ALLOWED
    }

    /** A word of the detail that has its own message key, with the arguments of its message (labels too). */
    public record Label(String key, String fallback, Object... args) {
    }

    private final Kind kind;
    private final String key;
    private final Object[] args;
    private final Map<String, Object> properties = new LinkedHashMap<>();

    public Rejection(Kind kind, String key, String detail, Object... args) {
        super(detail);
        this.kind = kind;
        this.key = key;
        this.args = args.clone();
    }

    /** The current state does not allow this (answered 409). */
    public static Rejection conflict(String key, String detail, Object... args) {
        return new Rejection(Kind.CONFLICT, key, detail, args);
    }

    /** The request breaks a rule of the domain (answered 400). */
    public static Rejection invalid(String key, String detail, Object... args) {
        return new Rejection(Kind.INVALID, key, detail, args);
    }

    /** This person may not do this (answered 403). */
    public static Rejection notAllowed(String key, String detail, Object... args) {
        return new Rejection(Kind.NOT_ALLOWED, key, detail, args);
    }

    public static Label label(String key, Object fallback, Object... args) {
        return new Label(key, String.valueOf(fallback), args);
    }

    /**
     * An extra member of the answer, such as {@code currentStatus}. Three names are special: {@code field}
     * (the request field the rule is about), {@code value} (what was received) and {@code allowed} (a list
     * of what would be accepted) become one entry of the answer's {@code errors}, as a validation error does.
     */
    public Rejection with(String name, Object value) {
        properties.put(name, value);
        return this;
    }

    public Kind kind() {
        return kind;
    }

    public String key() {
        return key;
    }

    public Object[] args() {
        return args.clone();
    }

    public Map<String, Object> properties() {
        return properties;
    }
}
