package org.shangliang.notifications.email;

import java.time.Instant;
import java.util.List;

import org.shangliang.notifications.inbox.EmailChannel;
import org.shangliang.notifications.inbox.NotificationType;
import org.shangliang.notifications.inbox.Notifier;
import org.shangliang.notifications.inbox.Preferences;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/** Queues a notice's email as a pending {@link EmailDelivery}; {@link MailDispatcher} sends it. */
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
}
