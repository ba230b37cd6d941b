package org.shangliang.notifications.inbox;

import java.time.OffsetDateTime;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.shangliang.platform.security.CurrentUser;
import org.shangliang.platform.web.ApiTime;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
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

    /** A code waiting to be entered: when it was mailed, until when it holds, how many tries are left. */
    record PendingCode(String sentTo, OffsetDateTime sentAt, OffsetDateTime expiresAt, int attemptsLeft,
                       OffsetDateTime nextCodeAt) {
    }

    /** The preferences as saved; e-mail goes out only when {@code emailVerified}. */
    @Schema(name = "NotificationPreferences")
    record PreferencesView(String email, boolean emailVerified, PendingCode emailVerification, Channels channels,
                           List<NotificationType> mutedCategories, String language) {
    }

    record CodeBody(@NotBlank @Pattern(regexp = "\\s*\\d{6}\\s*", message = "{email.verification.format}") String code) {
    }

    private final Inbox inbox;
    private final EmailAddresses addresses;

    PreferencesController(Inbox inbox, EmailAddresses addresses) {
        this.inbox = inbox;
        this.addresses = addresses;
    }

    @GetMapping("/api/notification-preferences")
    PreferencesView get(CurrentUser user) {
        return view(inbox.preferences(user.id()));
    }

    @PutMapping("/api/notification-preferences")
    @Operation(summary = "Change one's preferences; a new e-mail address is sent a six-digit code and nothing else until it is confirmed")
    PreferencesView put(@Valid @RequestBody PreferencesBody body, CurrentUser user) {
        return view(addresses.change(user, body.email() == null || body.email().isBlank() ? null : body.email().strip(),
                body.language() == null ? "zh-CN" : body.language(), body.channels().inApp(), body.channels().email(),
                body.mutedCategories() == null ? List.of()
                        : body.mutedCategories().stream().map(Enum::name).distinct().toList()));
    }

    @PostMapping("/api/notification-preferences/email-verification")
    @Operation(summary = "Confirm one's e-mail address with the code mailed to it")
    PreferencesView confirm(@Valid @RequestBody CodeBody body, CurrentUser user) {
        return view(addresses.confirm(user, body.code().strip()));
    }

    @PostMapping("/api/notification-preferences/email-verification/code")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Mail a new code to the unconfirmed address (once a minute, five a day)")
    PreferencesView newCode(CurrentUser user) {
        return view(addresses.sendNewCode(user));
    }

    private static PreferencesView view(Preferences p) {
        EmailVerification v = p.verification();
        PendingCode pending = p.awaitsCode() ? new PendingCode(p.email(), ApiTime.of(v.sentAt()), ApiTime.of(v.expiresAt()),
                v.attemptsLeft(), ApiTime.of(v.nextCodeAt())) : null;
        return new PreferencesView(p.email(), p.emailVerified(), pending, new Channels(p.inApp(), p.emailOn()),
                p.mutedCategories().stream().map(NotificationType::valueOf).toList(), p.language());
    }
}
