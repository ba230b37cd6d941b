package org.shangliang.contracts;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * What a place path ({@code community/estate/building/entrance/flat}) is called for a person:
 * "越江新村 31号楼3单元", "Yuejiang Xincun, Building 31, Entrance 3". An estate or building takes the
 * name its community's roll gave it; otherwise the configured label ({@code place.<slug>} of
 * {@link Labels}), the number pattern ({@code place.building={0}号楼}) or, last, the slug itself.
 */
public final class PlaceNames {

    /** The label of each level below the estate, by depth: {@code place.building}, {@code place.entrance}, {@code place.flat}. */
    private static final String[] LEVELS = {null, null, "building", "entrance", "flat"};

    private PlaceNames() {
    }

    /**
     * The name of {@code scope} in a language ({@code zh-CN} or {@code en}); {@code given} answers the
     * name a roll gave a place path, or null.
     */
    public static String of(String scope, UnaryOperator<String> given, String language) {
        if (scope == null || scope.isBlank()) {
            return "";
        }
        if ("*".equals(scope)) {
            return label("all", scope, language);
        }
        String[] parts = scope.split("/");
        boolean english = "en".equals(language);
        if (parts.length == 1) {
            return label(parts[0], parts[0], language);
        }
        String path = parts[0] + "/" + parts[1];
        String estate = given.apply(path);
        StringBuilder name = new StringBuilder(estate != null ? estate : label(parts[1], parts[1], language));
        for (int i = 2; i < parts.length && i < LEVELS.length; i++) {
            path += "/" + parts[i];
            String named = i == 2 ? given.apply(path) : null;
            String pattern = Labels.of("place", LEVELS[i], language);
            String part = named != null ? named
                    : pattern == null ? parts[i] : new MessageFormat(pattern, Locale.ROOT).format(new Object[] {parts[i]});
            name.append(english ? ", " : i == 2 ? " " : "").append(part);
        }
        return name.toString();
    }

    private static String label(String value, String fallback, String language) {
        String text = Labels.of("place", value, language);
        return text == null ? fallback : text;
    }
}
