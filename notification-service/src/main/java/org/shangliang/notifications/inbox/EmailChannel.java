package org.shangliang.notifications.inbox;

import java.time.Instant;
import java.util.List;

/**
 * Where a notice that should also go by email is handed over (the {@code email} package queues and
 * sends it). Declared here so that the inbox, which decides who is told what, does not depend on how
 * mail is sent. Queuing the same {@code id} twice queues one email.
 */
public interface EmailChannel {

    void queue(String id, String recipient, Preferences prefs, NotificationType type, List<String> params,
               Notifier.About about, Instant at);

    /**
     * Queues the mail with the code that confirms {@code prefs}' address: the only mail an unconfirmed
     * address gets. Queuing it twice for one code queues one mail.
     */
    void queueVerification(Preferences prefs, String code);
}
