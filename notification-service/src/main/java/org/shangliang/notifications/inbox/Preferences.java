package org.shangliang.notifications.inbox;

import java.time.Instant;
import java.util.List;

import org.shangliang.platform.domain.Rejection;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A user's notification preferences; community and roles are remembered from the token of the last change.
 * An address is mailed only once it is confirmed ({@code emailVerifiedAt}); until then it has a pending
 * {@link EmailVerification}. Preferences saved before addresses were verified have neither: such an
 * address counts as unconfirmed.
 */
@Document("preferences")
public record Preferences(@Id String userId, String community, List<String> roles, String email, String language,
                          boolean inApp, boolean emailOn, List<String> mutedCategories, Instant emailVerifiedAt,
                          EmailVerification verification) {

    public static Preferences defaults(String userId) {
        return new Preferences(userId, null, List.of(), null, "zh-CN", true, true, List.of(), null, null);
    }

    public boolean wantsEmail(String type) {
        return emailOn && emailVerified() && !mutedCategories.contains(type);
    }

    public boolean emailVerified() {
        return email != null && emailVerifiedAt != null;
    }

    /** A code is waiting to be entered for the current address. */
    public boolean awaitsCode() {
        return email != null && emailVerifiedAt == null && verification != null && email.equals(verification.address());
    }

    /**
     * These preferences changed as asked. The same address (letter case aside) keeps what it had: confirmed
     * stays confirmed, a pending code stays pending. Another address is unconfirmed and gets a new code
     * ({@code code}; the caller mails it when {@link #awaitsCode()} and the verification is new). No address
     * forgets the confirmation, not the day's count of codes.
     */
    Preferences changed(String community, List<String> roles, String newEmail, String language, boolean inApp,
                        boolean emailOn, List<String> muted, String code, Instant now) {
        if (newEmail == null) {
            return new Preferences(userId, community, roles, null, language, inApp, emailOn, muted, null, verification);
        }
        if (email != null && email.equalsIgnoreCase(newEmail)) {
            return new Preferences(userId, community, roles, newEmail, language, inApp, emailOn, muted, emailVerifiedAt,
                    verification == null ? null : new EmailVerification(newEmail, verification.codeHash(),
                            verification.sentAt(), verification.attempts(), verification.dayStart(), verification.codesSent()));
        }
        return new Preferences(userId, community, roles, newEmail, language, inApp, emailOn, muted, null,
                EmailVerification.issue(userId, newEmail, code, now, verification));
    }

    /** A new code for the unconfirmed address (the first one was lost, or expired). */
    Preferences withNewCode(String code, Instant now) {
        if (email == null || emailVerified()) {
            throw Rejection.conflict("email.verification.nothing-to-verify",
                    "There is no e-mail address waiting to be confirmed");
        }
        return new Preferences(userId, community, roles, email, language, inApp, emailOn, mutedCategories, null,
                EmailVerification.issue(userId, email, code, now, verification));
    }

    /** The address confirmed by {@code code}; {@code attempts} counts this try, as the store counted it. */
    Preferences confirmed(String code, Instant now, int attempts) {
        if (!awaitsCode()) {
            throw Rejection.conflict(emailVerified() ? "email.verification.done" : "email.verification.nothing-to-verify",
                    emailVerified() ? "This e-mail address is confirmed already" : "There is no code waiting to be entered");
        }
        verification.check(userId, code, now, attempts);
        return new Preferences(userId, community, roles, email, language, inApp, emailOn, mutedCategories, now,
                new EmailVerification(email, null, verification.sentAt(), attempts, verification.dayStart(),
                        verification.codesSent()));
    }
}
