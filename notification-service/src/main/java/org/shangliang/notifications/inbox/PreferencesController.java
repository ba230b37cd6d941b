package org.shangliang.notifications.inbox;

import java.util.List;

import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.shangliang.platform.security.CurrentUser;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Notifications (通知)")
class PreferencesController {

    record Channels(@NotNull Boolean inApp, @NotNull Boolean email) {
    }

    record PreferencesBody(@Email @Size(max = 254) String email, @Valid @NotNull Channels channels,
                           @Size(max = 20) List<@NotNull NotificationType> mutedCategories,
                           @Pattern(regexp = "zh-CN|en") String language) {
    }

    private final Inbox inbox;

    PreferencesController(Inbox inbox) {
        this.inbox = inbox;
    }

    @GetMapping("/api/notification-preferences")
    PreferencesBody get(CurrentUser user) {
        return body(inbox.preferences(user.id()));
    }

    @PutMapping("/api/notification-preferences")
    PreferencesBody put(@Valid @RequestBody PreferencesBody body, CurrentUser user) {
        Preferences saved = inbox.save(new Preferences(user.id(), user.community(),
                user.roles().stream().map(Enum::name).toList(), body.email() == null || body.email().isBlank() ? null
                : body.email().strip(), body.language() == null ? "zh-CN" : body.language(), body.channels().inApp(),
                body.channels().email(), body.mutedCategories() == null ? List.of()
                : body.mutedCategories().stream().map(Enum::name).distinct().toList()));
        return body(saved);
    }

    private static PreferencesBody body(Preferences p) {
        return new PreferencesBody(p.email(), new Channels(p.inApp(), p.emailOn()),
                p.mutedCategories().stream().map(NotificationType::valueOf).toList(), p.language());
    }
}
