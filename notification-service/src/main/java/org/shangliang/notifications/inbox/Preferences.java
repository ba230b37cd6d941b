package org.shangliang.notifications.inbox;

import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/** A user's notification preferences; community and roles are remembered from the token of the last change. */
@Document("preferences")
public record Preferences(@Id String userId, String community, List<String> roles, String email, String language,
                          boolean inApp, boolean emailOn, List<String> mutedCategories) {

    public static Preferences defaults(String userId) {
        return new Preferences(userId, null, List.of(), null, "zh-CN", true, true, List.of());
    }

    public boolean wantsEmail(String type) {
        return emailOn && email != null && !email.isBlank() && !mutedCategories.contains(type);
    }
}
