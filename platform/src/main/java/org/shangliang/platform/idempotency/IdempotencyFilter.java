package org.shangliang.platform.idempotency;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.shangliang.platform.web.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * A client that retries a POST (or PATCH) after a lost answer, with the same {@code Idempotency-Key}
 * header, gets the first answer again instead of a second topic, support or vote
 * (draft-ietf-httpapi-idempotency-key-header). The key belongs to the signed-in person; the request is
 * recognised by its method, path and body. The same key with another request is 422; while the first
 * is still running, 409 with {@code Retry-After}. Answers of 5xx and 429 are not kept (a retry runs
 * again). A replayed answer carries {@code Idempotent-Replayed: true}. Without the header nothing changes.
 * Runs after the security filters (it needs the person) and after the body limit.
 */
public class IdempotencyFilter extends OncePerRequestFilter {

    public static final String HEADER = "Idempotency-Key";
    static final String REPLAYED = "Idempotent-Replayed";

    private static final Logger log = LoggerFactory.getLogger(IdempotencyFilter.class);

    private final IdempotencyRecords records;
    private final Problems problems;

    public IdempotencyFilter(IdempotencyRecords records, Problems problems) {
        this.records = records;
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return request.getHeader(HEADER) == null || !request.getRequestURI().startsWith("/api/")
                || !("POST".equals(request.getMethod()) || "PATCH".equals(request.getMethod()));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = request.getHeader(HEADER);
        if (!key.matches("[\\x20-\\x7E]{1,255}")) {
            problems.write(request, response, HttpStatus.BAD_REQUEST, "invalid-request", "problem.idempotency-key.invalid",
                    "The Idempotency-Key header must be 1 to 255 printable ASCII characters");
            return;
        }
        Authentication who = SecurityContextHolder.getContext().getAuthentication();
        if (who == null || !who.isAuthenticated()) {
            chain.doFilter(request, response); // refused further on; nothing to remember
            return;
        }
        byte[] body = request.getInputStream().readAllBytes();
        String id = sha256(who.getName() + "\n" + key);
        String fingerprint = sha256(request.getMethod() + " " + request.getRequestURI() + "?"
                + (request.getQueryString() == null ? "" : request.getQueryString()) + "\n"
                + HexFormat.of().formatHex(body));
        IdempotencyRecords.Claim claim = records.claim(id, fingerprint);
        if (claim instanceof IdempotencyRecords.Claim.Answered first) {
            replay(first, response);
        } else if (claim instanceof IdempotencyRecords.Claim.OtherRequest) {
            problems.write(request, response, HttpStatus.valueOf(422), "idempotency-key-reused",
                    "problem.idempotency-key.reused",
                    "This Idempotency-Key was used for another request; use a new key for a new request");
        } else if (claim instanceof IdempotencyRecords.Claim.Running) {
            response.setHeader(HttpHeaders.RETRY_AFTER, "1");
            problems.write(request, response, HttpStatus.CONFLICT, "conflict", "problem.idempotency-key.running",
                    "A request with this Idempotency-Key is still being answered; try again in a moment");
        } else {
            run(id, new CachedBody(request, body), response, chain);
        }
    }

    private void run(String id, HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var answer = new ContentCachingResponseWrapper(response);
        boolean kept = false;
        try {
            chain.doFilter(request, answer);
            int status = answer.getStatus();
            if (status < 500 && status != 429) {
                records.complete(id, status, answer.getContentType(), answer.getHeader(HttpHeaders.LOCATION),
                        answer.getContentAsByteArray());
                kept = true;
            }
        } finally {
            if (!kept) {
                records.release(id);
            }
            answer.copyBodyToResponse();
        }
    }

    private static void replay(IdempotencyRecords.Claim.Answered first, HttpServletResponse response) throws IOException {
        response.setStatus(first.status());
        if (first.contentType() != null) {
            response.setContentType(first.contentType());
        }
        if (first.location() != null) {
            response.setHeader(HttpHeaders.LOCATION, first.location());
        }
        response.setHeader(REPLAYED, "true");
        response.setContentLength(first.body().length);
        response.getOutputStream().write(first.body());
        log.debug("Replayed the first answer ({}) for a repeated Idempotency-Key", first.status());
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** The request with its body read once here and given again to whoever reads it next. */
    private static final class CachedBody extends HttpServletRequestWrapper {
        private final byte[] body;

        CachedBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            var in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the body is already read");
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }
            };
        }
    }
}
