package org.shangliang.notifications.email;

import java.time.OffsetDateTime;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.shangliang.platform.security.CurrentUser;
import org.shangliang.platform.web.ApiTime;
import org.shangliang.platform.web.PageResponse;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The delivery state of the community's emails (pending, sent, failed after retries), for its staff;
 * street-level staff see every community's. Addresses are masked: staff need to see that a mail to
 * 李秀兰 failed, not her address.
 */
@RestController
@Validated
@Tag(name = "Notifications (通知)")
class DeliveriesController {

    record DeliveryView(String id, String recipientId, String to, String type, EmailDelivery.Status status, int attempts,
                        String lastError, OffsetDateTime createdAt, OffsetDateTime sentAt, OffsetDateTime nextAttemptAt) {
    }

    /** {@code li.xiulan@yuejiang.example} as {@code l***@yuejiang.example}. */
    static String masked(String address) {
        if (address == null) {
            return null;
        }
        int at = address.indexOf('@');
        return at <= 0 ? "***" : address.charAt(0) + "***" + address.substring(at);
    }

    private final EmailQueue deliveries;

    DeliveriesController(EmailQueue deliveries) {
        this.deliveries = deliveries;
    }

    @GetMapping("/api/notifications/deliveries")
    @PreAuthorize("hasRole('STAFF')")
    @Operation(summary = "Email deliveries, newest first, optionally by status (staff)")
    PageResponse<DeliveryView> list(@RequestParam(required = false) EmailDelivery.Status status,
                                    @RequestParam(defaultValue = "0") @Min(0) int page,
                                    @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size, CurrentUser user) {
        return deliveries.page(user, status, page, size).map(d -> new DeliveryView(d.id(), d.recipientId(), masked(d.to()), d.type(), d.status(), d.attempts(),
                        d.lastError(), ApiTime.of(d.createdAt()), ApiTime.of(d.sentAt()), ApiTime.of(d.nextAttemptAt())));
    }
}
