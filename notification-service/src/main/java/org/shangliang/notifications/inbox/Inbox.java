package org.shangliang.notifications.inbox;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;

import io.swagger.v3.oas.annotations.media.Schema;
import org.shangliang.platform.security.CurrentUser;
import org.shangliang.platform.web.ApiTime;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.FindAndReplaceOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/** What a user sees: personal notifications and those for their role in their community, minus muted types. */
@Component
public class Inbox {

    /** {@code link} is the page to act on it, a path of the site (the ballot, else the meeting, else the topic). */
    @Schema(name = "Notification")
    public record View(String id, NotificationType type, String title, String body, String topicId, String meetingId,
                       String ballotId, String link, OffsetDateTime createdAt, boolean read) {
    }

    private final MongoTemplate mongo;
    private final NotificationTexts texts;

    Inbox(MongoTemplate mongo, NotificationTexts texts) {
        this.mongo = mongo;
        this.texts = texts;
    }

    /** The user's notifications; {@code prefs} are the user's, read once by the caller for the whole request. */
    public Criteria of(CurrentUser user, Preferences prefs) {
        List<String> roles = user.roles().stream().map(Enum::name).toList();
        // personal notices of the person's own community only: a meeting of another community that named
        // them as a participant is not theirs to read (it is 404 to them)
        Criteria personal = user.isStreetLevel() ? Criteria.where("recipientId").is(user.id())
                : Criteria.where("recipientId").is(user.id()).and("community").is(user.community());
        Criteria mine = new Criteria().orOperator(personal,
                Criteria.where("audienceCommunity").is(user.community()).and("audienceRole").in(roles));
        return prefs.mutedCategories().isEmpty() ? mine
                : new Criteria().andOperator(mine, Criteria.where("type").nin(prefs.mutedCategories()));
    }

    public Criteria unread(CurrentUser user, Preferences prefs) {
        return new Criteria().andOperator(of(user, prefs), new Criteria().orOperator(
                Criteria.where("recipientId").is(user.id()).and("read").is(false),
                Criteria.where("recipientId").is(null).and("readBy").ne(user.id())));
    }

    /** A page of the caller's notices (or only the unread ones), newest first, with how many there are and are unread. */
    record Found(List<Notification> items, long total, long unreadCount) {
    }

    Found page(CurrentUser user, boolean unreadOnly, int page, int size) {
        Preferences prefs = preferences(user.id());
        Query query = new Query(unreadOnly ? unread(user, prefs) : of(user, prefs));
        long total = mongo.count(query, Notification.class);
        long unreadCount = unreadOnly ? total : mongo.count(new Query(unread(user, prefs)), Notification.class);
        List<Notification> items = mongo.find(query.with(Sort.by(Sort.Direction.DESC, "createdAt", "_id"))
                .skip((long) page * size).limit(size), Notification.class);
        return new Found(items, total, unreadCount);
    }

    /** One of the caller's notices, or null when it is not theirs (or does not exist). */
    Notification visible(String id, CurrentUser user) {
        return mongo.findOne(new Query(new Criteria().andOperator(Criteria.where("_id").is(id),
                of(user, preferences(user.id())))), Notification.class);
    }

    /** Marks a notice read for the caller: a personal one as read, a notice to a role as read by them. */
    void markRead(Notification n, CurrentUser user) {
        mongo.updateFirst(new Query(Criteria.where("_id").is(n.getId())), n.getRecipientId() != null
                ? new Update().set("read", true) : new Update().addToSet("readBy", user.id()), Notification.class);
    }

    /** Marks all the caller's notices read, personal ones and those to their roles. */
    void markAllRead(CurrentUser user) {
        mongo.updateMulti(new Query(Criteria.where("recipientId").is(user.id()).and("read").is(false)),
                new Update().set("read", true), Notification.class);
        mongo.updateMulti(new Query(new Criteria().andOperator(of(user, preferences(user.id())),
                        Criteria.where("recipientId").is(null))),
                new Update().addToSet("readBy", user.id()), Notification.class);
    }

    /**
     * Saves {@code after} in place of {@code before}, unless the preferences changed meanwhile in a way that
     * matters: another code was issued (two requests at once, each mailing its own code, must not both
     * win). Answers whether it was saved.
     */
    boolean replace(Preferences before, Preferences after) {
        Criteria unchanged = Criteria.where("_id").is(before.userId());
        unchanged = before.verification() == null ? unchanged.and("verification.sentAt").exists(false)
                : unchanged.and("verification.sentAt").is(before.verification().sentAt());
        try {
            mongo.findAndReplace(new Query(unchanged), after, FindAndReplaceOptions.options().upsert());
            return true;
        } catch (DuplicateKeyException changedMeanwhile) {
            return false;
        }
    }

    /**
     * Counts one try of the pending code, atomically, and answers the preferences with the count
     * (null when no code waits): parallel guesses cannot get more tries than {@link EmailVerification#MAX_ATTEMPTS}.
     */
    Preferences countAttempt(String userId) {
        return mongo.findAndModify(new Query(Criteria.where("_id").is(userId).and("verification.codeHash").ne(null)
                        .and("emailVerifiedAt").is(null)),
                new Update().inc("verification.attempts", 1), FindAndModifyOptions.options().returnNew(true), Preferences.class);
    }

    /** Marks the address confirmed, if it and its code are still the ones checked. */
    boolean confirm(Preferences checked, Preferences confirmed) {
        return mongo.updateFirst(new Query(Criteria.where("_id").is(checked.userId()).and("email").is(checked.email())
                        .and("verification.codeHash").is(checked.verification().codeHash())),
                new Update().set("emailVerifiedAt", confirmed.emailVerifiedAt()).set("verification", confirmed.verification()),
                Preferences.class).getModifiedCount() == 1;
    }

    public Preferences preferences(String userId) {
        Preferences prefs = mongo.findById(userId, Preferences.class);
        return prefs == null ? Preferences.defaults(userId) : prefs;
    }

    public View view(Notification n, CurrentUser user, Locale locale) {
        var text = texts.render(n.getType(), n.getParams(), locale);
        return new View(n.getId(), n.getType(), text.title(), text.body(), n.getTopicId(), n.getMeetingId(),
                n.getBallotId(), new Notifier.About(n.getCommunity(), n.getTopicId(), n.getMeetingId(), n.getBallotId()).link(),
                ApiTime.of(n.getCreatedAt()), n.isReadBy(user.id()));
    }
}
