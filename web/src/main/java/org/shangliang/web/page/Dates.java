package org.shangliang.web.page;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Times as people read them, in the community's zone (Asia/Shanghai): "2026年12月1日 19:30" or
 * "1 Dec 2026 19:30". The API's ISO-8601 texts come in; what cannot be read is shown as it is.
 */
@Component("dates")
public class Dates {

    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter ZH_DAY = DateTimeFormatter.ofPattern("yyyy年M月d日", Locale.SIMPLIFIED_CHINESE);
    private static final DateTimeFormatter ZH_TIME = DateTimeFormatter.ofPattern("yyyy年M月d日 HH:mm", Locale.SIMPLIFIED_CHINESE);
    private static final DateTimeFormatter EN_DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter EN_TIME = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm", Locale.ENGLISH);
    /** What an {@code <input type="datetime-local">} shows and sends. */
    private static final DateTimeFormatter LOCAL_INPUT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

    public String day(Object iso) {
        return format(iso, english() ? EN_DAY : ZH_DAY);
    }

    public String time(Object iso) {
        return format(iso, english() ? EN_TIME : ZH_TIME);
    }

    /** An API instant as the value of a datetime-local field in the community's zone. */
    public String input(Object iso) {
        return format(iso, LOCAL_INPUT);
    }

    /** A datetime-local value typed in the community's zone as the API's ISO-8601 instant with offset. */
    public static String fromInput(String local) {
        if (local == null || local.isBlank()) {
            return null;
        }
        try {
            return LocalDateTime.parse(local.strip()).atZone(ZONE).toOffsetDateTime().toString();
        } catch (DateTimeParseException e) {
            return local.strip();
        }
    }

    private static String format(Object iso, DateTimeFormatter formatter) {
        if (iso == null) {
            return "";
        }
        try {
            return OffsetDateTime.parse(iso.toString()).atZoneSameInstant(ZONE).format(formatter);
        } catch (DateTimeParseException e) {
            return iso.toString();
        }
    }

    private static boolean english() {
        return "en".equals(LocaleContextHolder.getLocale().getLanguage());
    }
}
