package org.shangliang.notifications.inbox;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.shangliang.platform.events.EventEnvelope;
import org.shangliang.platform.store.InsertOnce;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Makes notifications and their emails. Ids come from the event and the recipient: a redelivered
 * event (also one redelivered after a crash between writing and acknowledging) inserts nothing new,
 * and a run that stopped half-way is completed by the redelivery.
 */
@Component
public class Notifier {

    public record About(String community, String topicId, String meetingId, String ballotId) {

        /** The page a person opens to act on it: the ballot, else the meeting, else the topic. */
        public String link() {
            if (ballotId != null) {
                return "/ballots/" + ballotId;
            }
            if (meetingId != null) {
                return "/meetings/" + meetingId;
            }
            return topicId == null ? "/" : "/topics/" + topicId;
        }
    }

    private final MongoTemplate mongo;
    private final EmailChannel email;
    private final MeterRegistry meters;

    Notifier(MongoTemplate mongo, EmailChannel email, MeterRegistry meters) {
        this.mongo = mongo;
        this.meters = meters;
        this.email = email;
    }

    /**
     * One notice to each recipient, inserted together (a ballot's 50,000 owners: 50 writes, not 50,000), then
     * the emails of those who want them.
     */
    public void tell(EventEnvelope<?> event, NotificationType type, Collection<String> recipients, About about,
                     List<String> params) {
        Instant at = event.time() == null ? Instant.now() : event.time();
        Map<String, Preferences> preferences = new HashMap<>();
        mongo.find(new Query(Criteria.where("userId").in(recipients)), Preferences.class)
                .forEach(p -> preferences.put(p.userId(), p));
        List<Notification> notices = new ArrayList<>(recipients.size());
        for (String recipient : recipients) {
            notices.add(new Notification(idOf(event.id(), type, recipient), type, recipient, null, null, about.community(),
                    about.topicId(), about.meetingId(), about.ballotId(), params, at));
        }
        created(type, InsertOnce.all(mongo, Notification.class, notices));
        for (Notification notice : notices) {
            Preferences prefs = preferences.get(notice.getRecipientId());
            if (prefs != null && prefs.wantsEmail(type.name()) && livesIn(prefs, about.community())) {
                email.queue(notice.getId(), notice.getRecipientId(), prefs, type, params, about, at);
            }
        }
    }

    /**
     * A person named by another community (a meeting's participant from elsewhere) is not mailed its
     * news; the inbox hides it too ({@link Inbox}). Street-level accounts and people whose community
     * is not known yet (no preferences saved) are not held back here.
     */
    private static boolean livesIn(Preferences prefs, String community) {
        return prefs.community() == null || "*".equals(prefs.community()) || community == null
                || prefs.community().equals(community);
    }

    /** Everyone holding {@code role} in the community, now or later. */
    public void tellRole(EventEnvelope<?> event, NotificationType type, String role, About about, List<String> params) {
        Instant at = event.time() == null ? Instant.now() : event.time();
        String id = idOf(event.id(), type, role + "@" + about.community());
        created(type, InsertOnce.all(mongo, Notification.class, List.of(new Notification(id, type, null, about.community(),
                role, about.community(), about.topicId(), about.meetingId(), about.ballotId(), params, at))));
        for (Preferences prefs : mongo.find(new Query(Criteria.where("community").is(about.community()).and("roles").is(role)),
                Preferences.class)) {
            if (prefs.wantsEmail(type.name())) {
                email.queue(idOf(id, type, prefs.userId()), prefs.userId(), prefs, type, params, about, at);
            }
        }
    }

    /** The same event, type and recipient always give the same (opaque, URL-safe) id. */
    static String idOf(String eventId, NotificationType type, String recipient) {
        return UUID.nameUUIDFromBytes((eventId + "|" + type + "|" + recipient).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** Counts new notices ({@code shangliang_notifications_total{type}}); a redelivery's are not new. */
    private void created(NotificationType type, long count) {
        meters.counter("shangliang.notifications.created", "type", type.name()).increment(count);
    }
}
