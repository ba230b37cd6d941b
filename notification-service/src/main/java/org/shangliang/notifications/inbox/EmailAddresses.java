package org.shangliang.notifications.inbox;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;

import org.shangliang.platform.domain.Rejection;
import org.shangliang.platform.security.CurrentUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Changing one's preferences and confirming one's e-mail address: a new address gets a six-digit code
 * by mail and nothing else until the code is entered ({@link EmailVerification} has the rules).
 */
@Component
class EmailAddresses {

    private static final Logger log = LoggerFactory.getLogger(EmailAddresses.class);

    private final Inbox inbox;
    private final EmailChannel email;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    EmailAddresses(Inbox inbox, EmailChannel email, Clock clock) {
        this.inbox = inbox;
        this.email = email;
        this.clock = clock;
    }

    /** The preferences as asked; a new address is mailed its code. */
    Preferences change(CurrentUser user, String address, String language, boolean inApp, boolean emailOn,
                       List<String> muted) {
        Preferences before = inbox.preferences(user.id());
        String code = nextCode();
        Preferences after = before.changed(user.community(), user.roles().stream().map(Enum::name).toList(), address,
                language, inApp, emailOn, muted, code, clock.instant());
        save(before, after, code);
        return after;
    }

    /** Another code for the unconfirmed address. */
    Preferences sendNewCode(CurrentUser user) {
        Preferences before = inbox.preferences(user.id());
        String code = nextCode();
        Preferences after = before.withNewCode(code, clock.instant());
        save(before, after, code);
        return after;
    }

    /** The address confirmed by the code mailed to it. */
    Preferences confirm(CurrentUser user, String code) {
        Preferences counted = inbox.countAttempt(user.id());
        if (counted == null) {
            return inbox.preferences(user.id()).confirmed(code, clock.instant(), 0); // says why there is nothing to confirm
        }
        Preferences confirmed = counted.confirmed(code, clock.instant(), counted.verification().attempts());
        if (!inbox.confirm(counted, confirmed)) {
            throw Rejection.conflict("email.verification.changed",
                    "The address or its code changed meanwhile; use the newest code");
        }
        log.info("E-mail address of {} confirmed", user.id());
        return confirmed;
    }

    /** Saves the change and, when it issued a code, mails that code (after saving: a mailed code always holds). */
    private void save(Preferences before, Preferences after, String code) {
        if (!inbox.replace(before, after)) {
            throw Rejection.conflict("preferences.changed", "The settings were changed at the same moment; try again");
        }
        boolean issued = after.verification() != null && (before.verification() == null
                || !after.verification().sentAt().equals(before.verification().sentAt()));
        if (issued) {
            email.queueVerification(after, code);
        }
    }

    private String nextCode() {
        String code = "%06d".formatted(random.nextInt(1_000_000));
        return code;
    }
}
