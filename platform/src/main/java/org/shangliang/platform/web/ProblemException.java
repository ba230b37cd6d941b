package org.shangliang.platform.web;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.http.HttpStatus;

/**
 * A failure a user can act on, answered as RFC 9457 Problem Details. {@code kind} names the problem
 * type ({@code urn:shangliang:problem:<kind>}) and the message keys of its localized title
 * ({@code problem.<kind>.title}); {@code detailKey} with {@code args} gives its localized detail,
 * {@code detail} the English fallback.
 */
public class ProblemException extends RuntimeException {

    private final HttpStatus status;
    private final String kind;
    private final String detailKey;
    private final Object[] args;
    private final Map<String, Object> properties = new LinkedHashMap<>();

    public ProblemException(HttpStatus status, String kind, String detailKey, String detail, Object... args) {
        super(detail);
        this.status = status;
        this.kind = kind;
        this.detailKey = detailKey;
        this.args = args;
    }

    public HttpStatus status() {
        return status;
    }

    public String kind() {
        return kind;
    }

    public String detailKey() {
        return detailKey;
    }

    public Object[] args() {
        return args.clone();
    }

    /** An extra member of the problem document, such as {@code currentStatus}. */
    public ProblemException with(String name, Object value) {
        properties.put(name, value);
        return this;
    }

    public Map<String, Object> properties() {
        return properties;
    }

    /** 404: unknown, or of another community (answered as if it did not exist). */
    /**
     * A word inside a detail that is itself in the caller's language: a status or an action named by
     * its message key ({@code status.PROPOSED}, {@code action.record-minutes}), {@code fallback} where
     * there is no such key. So a Chinese detail never carries an English piece.
     */
    public static MessageSourceResolvable label(String key, String fallback, Object... args) {
        return new DefaultMessageSourceResolvable(new String[] {key}, args, fallback);
    }

    public static ProblemException notFound(String what, String id) {
        return new ProblemException(HttpStatus.NOT_FOUND, "not-found", "problem.not-found.detail",
                what + " " + id + " does not exist", what, id);
    }

    /** 409: the request does not fit the current state. */
    public static ProblemException conflict(String detailKey, String detail, Object... args) {
        return new ProblemException(HttpStatus.CONFLICT, "conflict", detailKey, detail, args);
    }

    /** 403: authenticated, but not allowed to do this. */
    public static ProblemException forbidden(String detailKey, String detail, Object... args) {
        return new ProblemException(HttpStatus.FORBIDDEN, "forbidden", detailKey, detail, args);
    }

    /** 400 for a rule that spans fields; per-field rules are Bean Validation's. */
    public static ProblemException badRequest(String detailKey, String detail, Object... args) {
        return new ProblemException(HttpStatus.BAD_REQUEST, "invalid-request", detailKey, detail, args);
    }
}
