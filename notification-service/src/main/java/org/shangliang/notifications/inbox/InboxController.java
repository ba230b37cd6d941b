package org.shangliang.notifications.inbox;

import java.util.List;
import java.util.Locale;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.shangliang.platform.security.CurrentUser;
import org.shangliang.platform.web.ProblemException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpStatus;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Validated
@Tag(name = "Notifications (通知)")
class InboxController {

    @io.swagger.v3.oas.annotations.media.Schema(name = "NotificationPage")
    record Page(List<Inbox.View> items, int page, int size, long total, long unreadCount) {
    }

    private final MongoTemplate mongo;
    private final Inbox inbox;

    InboxController(MongoTemplate mongo, Inbox inbox) {
        this.mongo = mongo;
        this.inbox = inbox;
    }

    @GetMapping("/api/notifications")
    @Operation(summary = "The caller's inbox, newest first, with the unread count")
    Page list(@RequestParam(defaultValue = "false") boolean unread, @RequestParam(defaultValue = "0") @Min(0) int page,
              @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size, CurrentUser user, Locale locale) {
        Preferences prefs = inbox.preferences(user.id());
        Query query = new Query(unread ? inbox.unread(user, prefs) : inbox.of(user, prefs));
        long total = mongo.count(query, Notification.class);
        long unreadCount = unread ? total : mongo.count(new Query(inbox.unread(user, prefs)), Notification.class);
        List<Inbox.View> items = mongo.find(query.with(Sort.by(Sort.Direction.DESC, "createdAt", "_id"))
                .skip((long) page * size).limit(size), Notification.class).stream().map(n -> inbox.view(n, user, locale)).toList();
        return new Page(items, page, size, total, unreadCount);
    }

    @PostMapping("/api/notifications/{id}/read")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void read(@PathVariable String id, CurrentUser user) {
        Notification n = mongo.findOne(new Query(new Criteria().andOperator(Criteria.where("_id").is(id),
                        inbox.of(user, inbox.preferences(user.id())))),
                Notification.class);
        if (n == null) {
            throw ProblemException.notFound("Notification", id);
        }
        markRead(new Query(Criteria.where("_id").is(id)), n.getRecipientId() != null, user);
    }

    @PostMapping("/api/notifications/read-all")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void readAll(CurrentUser user) {
        mongo.updateMulti(new Query(Criteria.where("recipientId").is(user.id()).and("read").is(false)),
                new Update().set("read", true), Notification.class);
        mongo.updateMulti(new Query(new Criteria().andOperator(inbox.of(user, inbox.preferences(user.id())),
                        Criteria.where("recipientId").is(null))),
                new Update().addToSet("readBy", user.id()), Notification.class);
    }

    private void markRead(Query query, boolean personal, CurrentUser user) {
        mongo.updateFirst(query, personal ? new Update().set("read", true) : new Update().addToSet("readBy", user.id()),
                Notification.class);
    }
}
