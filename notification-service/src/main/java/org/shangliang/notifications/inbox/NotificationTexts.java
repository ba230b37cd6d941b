package org.shangliang.notifications.inbox;

import java.util.List;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/** Titles and bodies in the reader's language (zh-CN by default, English on request) from the stored parameters. */
@Component
public class NotificationTexts {

    public record Text(String title, String body) {
    }

    private final MessageSource messages;

    NotificationTexts(MessageSource messages) {
        this.messages = messages;
    }

    public Text render(NotificationType type, List<String> params, Locale locale) {
        Object[] args = params.stream().map(p -> label(p, locale)).toArray();
        return new Text(messages.getMessage("notification." + type + ".title", args, type.name(), locale),
                messages.getMessage("notification." + type + ".body", args, "", locale));
    }

    /** Status and outcome codes become words; anything else (user text) stays as it is. */
    private String label(String param, Locale locale) {
        if (param != null && param.matches("[A-Z_]{3,}")) {
            return messages.getMessage("label." + param, null, param, locale);
        }
        return param == null ? "" : param;
    }

    public static Locale localeOf(String language) {
        return language != null && language.toLowerCase().startsWith("en") ? Locale.ENGLISH : Locale.SIMPLIFIED_CHINESE;
    }
}
