package org.shangliang.notifications.email;

import java.time.Instant;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/** One email to send for one notification and recipient, with its delivery state (visible to staff). */
@Document("email_deliveries")
@CompoundIndex(name = "status_next", def = "{'status': 1, 'nextAttemptAt': 1}")
public record EmailDelivery(@Id String id, String notificationId, String recipientId, String to, String language,
                            String type, List<String> params, String link, String community, Status status, int attempts, Instant nextAttemptAt,
                            String lastError, Instant createdAt, Instant sentAt, @Version Long version) {

    public enum Status { PENDING, SENT, FAILED }

    /** The {@code type} of the mail that carries an address's confirmation code (not a notification type). */
    public static final String VERIFICATION = "EMAIL_VERIFICATION";

    EmailDelivery sent(Instant at) {
        return new EmailDelivery(id, notificationId, recipientId, to, language, type, params, link, community, Status.SENT, attempts + 1,
                null, null, createdAt, at, version);
    }

    EmailDelivery failedAttempt(String error, Instant next, boolean giveUp) {
        return new EmailDelivery(id, notificationId, recipientId, to, language, type, params, link, community,
                giveUp ? Status.FAILED : Status.PENDING, attempts + 1, giveUp ? null : next, error, createdAt, null, version);
    }
}
