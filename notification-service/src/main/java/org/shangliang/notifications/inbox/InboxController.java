package org.shangliang.notifications.inbox;

import java.util.List;
import java.util.Locale;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.shangliang.platform.security.CurrentUser;
import org.shangliang.platform.web.ProblemException;
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

    @Schema(name = "NotificationPage")
    record Page(List<Inbox.View> items, int page, int size, long total, long unreadCount) {
    }

    private final Inbox inbox;

    InboxController(Inbox inbox) {
        this.inbox = inbox;
    }

    @GetMapping("/api/notifications")
    @Operation(summary = "The caller's inbox, newest first, with the unread count")
    Page list(@RequestParam(defaultValue = "false") boolean unread, @RequestParam(defaultValue = "0") @Min(0) int page,
              @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size, CurrentUser user, Locale locale) {
        Inbox.Found found = inbox.page(user, unread, page, size);
        return new Page(found.items().stream().map(n -> inbox.view(n, user, locale)).toList(), page, size, found.total(),
                found.unreadCount());
    }

    @PostMapping("/api/notifications/{id}/read")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void read(@PathVariable String id, CurrentUser user) {
        Notification n = inbox.visible(id, user);
        if (n == null) {
            throw ProblemException.notFound("Notification", id);
        }
        inbox.markRead(n, user);
    }

    @PostMapping("/api/notifications/read-all")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void readAll(CurrentUser user) {
        inbox.markAllRead(user);
    }
}
