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

    /**
     * A notification's title and body. Texts are chosen by the number of stored parameters
     * ({@code notification.TYPE.title.N} first, then {@code notification.TYPE.title}), so
     * notifications stored before a text gained parameters still read right.
     */
    public Text render(NotificationType type, List<String> params, Locale locale) {
        Object[] args = params.stream().map(p -> label(p, locale)).toArray();
        if (type == NotificationType.MEETING_CONCLUDED && params.size() > 1) {
            args = new Object[] {args[0], outcomes(params.subList(1, params.size()), locale)};
        }
        String n = type == NotificationType.MEETING_CONCLUDED && params.size() > 1 ? ".outcomes" : "." + params.size();
        String key = "notification." + type;
        String title = messages.getMessage(key + ".title" + n, args, null, locale);
        String body = messages.getMessage(key + ".body" + n, args, null, locale);
        return new Text(title != null ? title : messages.getMessage(key + ".title", args, type.name(), locale),
                body != null ? body : messages.getMessage(key + ".body", args, "", locale));
    }

    /** The mail with the code that confirms an address. */
    public Text verification(String code, Locale locale) {
        Object[] args = {code, EmailVerification.VALID_FOR.toHours()};
        return new Text(messages.getMessage("email.verification.title", args, "Your code: " + code, locale),
                messages.getMessage("email.verification.body", args, "Your code: " + code, locale));
    }

    /** "议题甲：提交业主表决；议题乙：协商一致" from pairs of topic title and resolution. */
    private String outcomes(List<String> pairs, Locale locale) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i + 1 < pairs.size(); i += 2) {
            if (!text.isEmpty()) {
                text.append(messages.getMessage("list.separator", null, "；", locale));
            }
            text.append(messages.getMessage("outcome.item", new Object[] {pairs.get(i), label(pairs.get(i + 1), locale)},
                    pairs.get(i) + ": " + pairs.get(i + 1), locale));
        }
        return text.toString();
    }

    /** The line of an e-mail that links to the page: "查看详情：http://…". */
    public String openPage(Locale locale, String link) {
        return messages.getMessage("email.open-page", new Object[] {link}, "查看详情：" + link, locale);
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
