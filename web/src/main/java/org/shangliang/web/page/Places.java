package org.shangliang.web.page;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.shangliang.contracts.Labels;
import org.shangliang.contracts.PlaceNames;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Places as people say them. A scope is a path {@code community/estate/building/entrance/flat}
 * ({@code yuejiang/yuejiang-xincun/31/3}); its parts get their display names from the labels
 * ({@code place.yuejiang-xincun=越江新村}), and buildings and entrances their numbers
 * ("31号楼3单元") by {@link PlaceNames}; a topic's own {@code scopeName} from the API also knows the
 * names its community's roll gave. A part without a name shows as it is.
 */
@Component("places")
public class Places {

    /** One level of a resident's home that a topic can concern, broadest last. */
    public record Level(String scope, String label, String kind) {
    }

    /** "越江新村 31号楼3单元" for {@code yuejiang/yuejiang-xincun/31/3}; the community alone when that is all. */
    public String label(String scope) {
        return PlaceNames.of(scope, place -> null, Labels.languageOf(LocaleContextHolder.getLocale()));
    }

    /** The scopes a resident can propose for, from their own entrance up to their community. */
    public List<Level> levelsOf(String home) {
        List<Level> levels = new ArrayList<>();
        if (home == null || home.isBlank()) {
            return levels;
        }
        String[] parts = home.split("/");
        String[] kinds = {"community", "estate", "building", "entrance"};
        for (int depth = Math.min(parts.length, 4); depth >= 1; depth--) {
            String scope = String.join("/", Arrays.copyOf(parts, depth));
            levels.add(new Level(scope, label(scope), kinds[depth - 1]));
        }
        return levels;
    }

    /**
     * How close a scope is to a home: 0 for the home's entrance (or the flat itself), 1 its building,
     * 2 its estate, 3 its community, 4 anything else. Pages list what concerns a resident most first.
     */
    public static int nearness(String scope, String home) {
        if (home == null || scope == null) {
            return 4;
        }
        String[] h = home.split("/");
        String[] s = scope.split("/");
        int common = 0;
        while (common < Math.min(h.length, s.length) && h[common].equals(s[common])) {
            common++;
        }
        if (common < s.length) {
            return 4;
        }
        return Math.max(0, Math.min(4, 4 - Math.min(common, 4)));
    }

    /** Whether a scope is the resident's own entrance or building (shown marked in lists). */
    public boolean near(String scope, String home) {
        return nearness(scope, home) <= 1;
    }

}
