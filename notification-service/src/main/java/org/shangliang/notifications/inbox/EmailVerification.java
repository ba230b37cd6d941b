package org.shangliang.notifications.inbox;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

import org.shangliang.platform.domain.Rejection;

/**
 * The code that proves a person reads the address she gave (issue 13 item 11): nothing but this code is
 * mailed to an address until it is confirmed. Only the code's hash is kept. A code holds for
 * {@link #VALID_FOR} and {@link #MAX_ATTEMPTS} wrong tries; a new one may be asked for after
 * {@link #RESEND_AFTER}, at most {@link #MAX_CODES_PER_DAY} a day, so nobody can use the platform to
 * flood someone else's mailbox with codes.
 *
 * @param address   the address the code was sent to
 * @param codeHash  SHA-256 of the user id and the code
 * @param sentAt    when the current code was made
 * @param attempts  wrong tries of the current code
 * @param dayStart  when the current 24 hours of codes began
 * @param codesSent codes made since {@code dayStart}
 */
public record EmailVerification(String address, String codeHash, Instant sentAt, int attempts, Instant dayStart,
                                int codesSent) {

    public static final Duration VALID_FOR = Duration.ofHours(24);
    public static final Duration RESEND_AFTER = Duration.ofMinutes(1);
    public static final int MAX_ATTEMPTS = 5;
    public static final int MAX_CODES_PER_DAY = 5;

    /**
     * The first code for {@code address}, or the next one after {@code previous} (null if none). Asking
     * again for the same address waits {@link #RESEND_AFTER}; a corrected address gets its code at once.
     */
    static EmailVerification issue(String userId, String address, String code, Instant now, EmailVerification previous) {
        if (previous != null && previous.codeHash() != null && previous.address().equalsIgnoreCase(address)
                && now.isBefore(previous.sentAt().plus(RESEND_AFTER))) {
            throw Rejection.conflict("email.verification.too-soon",
                            "A code was sent a moment ago; ask for a new one in a minute")
                    .with("nextCodeAt", previous.sentAt().plus(RESEND_AFTER));
        }
        boolean sameDay = previous != null && now.isBefore(previous.dayStart().plus(Duration.ofDays(1)));
        int sent = sameDay ? previous.codesSent() : 0;
        if (sent >= MAX_CODES_PER_DAY) {
            throw Rejection.conflict("email.verification.too-many",
                            "{0} codes were sent today; try again after {1}", MAX_CODES_PER_DAY,
                            previous.dayStart().plus(Duration.ofDays(1)))
                    .with("nextCodeAt", previous.dayStart().plus(Duration.ofDays(1)));
        }
        return new EmailVerification(address, hash(userId, code), now, 0, sameDay ? previous.dayStart() : now, sent + 1);
    }

    /** When the current code stops holding. */
    public Instant expiresAt() {
        return sentAt.plus(VALID_FOR);
    }

    /** The earliest a new code can be asked for. */
    public Instant nextCodeAt() {
        Instant minute = sentAt.plus(RESEND_AFTER);
        Instant tomorrow = dayStart.plus(Duration.ofDays(1));
        return codesSent >= MAX_CODES_PER_DAY && tomorrow.isAfter(minute) ? tomorrow : minute;
    }

    public int attemptsLeft() {
        return Math.max(0, MAX_ATTEMPTS - attempts);
    }

    /**
     * Whether {@code code} is the one sent. A code that expired or was tried too often is a 409 (a new
     * one must be asked for); a wrong code is a 400 saying how many tries are left. {@code attempts} is
     * the count including this try, as the store counted it atomically.
     */
    void check(String userId, String code, Instant now, int attempts) {
        if (!now.isBefore(expiresAt())) {
            throw Rejection.conflict("email.verification.expired",
                    "The code has expired; ask for a new one");
        }
        if (attempts > MAX_ATTEMPTS) {
            throw Rejection.conflict("email.verification.exhausted",
                    "The code was entered wrongly {0} times; ask for a new one", MAX_ATTEMPTS);
        }
        if (!MessageDigest.isEqual(hash(userId, code).getBytes(StandardCharsets.US_ASCII),
                codeHash.getBytes(StandardCharsets.US_ASCII))) {
            int left = Math.max(0, MAX_ATTEMPTS - attempts);
            throw (left == 0
                    ? Rejection.conflict("email.verification.exhausted",
                    "The code was entered wrongly {0} times; ask for a new one", MAX_ATTEMPTS)
                    : Rejection.invalid("email.verification.wrong", "That is not the code we sent; {0} tries left", left)
                    .with("field", "code").with("value", code))
                    .with("attemptsLeft", left);
        }
    }

    static String hash(String userId, String code) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest((userId + "\n" + code).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
