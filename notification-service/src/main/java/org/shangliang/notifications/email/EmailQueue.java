package org.shangliang.notifications.email;

import java.time.Instant;
import java.util.List;

import org.shangliang.notifications.inbox.EmailChannel;
import org.shangliang.notifications.inbox.NotificationType;
import org.shangliang.notifications.inbox.Notifier;
import org.shangliang.notifications.inbox.Preferences;
import org.shangliang.platform.security.CurrentUser;
import org.shangliang.platform.web.PageResponse;
import org.shangliang.platform.web.Pages;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Where emails wait and are found: a notice's email is queued as a pending {@link EmailDelivery}
 * ({@link MailDispatcher} sends it), and staff list the deliveries of their community.
 */
@Component
class EmailQueue implements EmailChannel {

    private final MongoTemplate mongo;

    EmailQueue(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void queue(String id, String recipient, Preferences prefs, NotificationType type, List<String> params,
                      Notifier.About about, Instant at) {
        try {
            mongo.insert(new EmailDelivery(id, id, recipient, prefs.email(), prefs.language(), type.name(), params,
                    about.link(), about.community(), EmailDelivery.Status.PENDING, 0, at, null, Instant.now(), null, null));
        } catch (DuplicateKeyException redelivered) {
            // queued already
        }
    }

    @Override
    public void queueVerification(Preferences prefs, String code) {
        var sent = prefs.verification().sentAt();
        String id = "verify-" + prefs.userId() + "-" + sent.toEpochMilli();
        try {
            mongo.insert(new EmailDelivery(id, null, prefs.userId(), prefs.email(), prefs.language(),
                    EmailDelivery.VERIFICATION, List.of(code), "/preferences?code=" + code + "#verify", prefs.community(),
                    EmailDelivery.Status.PENDING, 0, sent, null, sent, null, null));
        } catch (DuplicateKeyException again) {
            // queued already
        }
    }

    /** A page of the community's deliveries (every community's for street-level staff), newest first. */
    PageResponse<EmailDelivery> page(CurrentUser user, EmailDelivery.Status status, int page, int size) {
        Criteria where = user.isStreetLevel() ? new Criteria() : Criteria.where("community").is(user.community());
        if (status != null) {
            where = where.and("status").is(status);
        }
        return Pages.find(mongo, new Query(where), EmailDelivery.class, Sort.by(Sort.Direction.DESC, "createdAt"), page, size);
    }
}
