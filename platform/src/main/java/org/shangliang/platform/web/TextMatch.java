package org.shangliang.platform.web;

import java.util.regex.Pattern;

/**
 * Free-text search from user input as a MongoDB regular expression that matches the text literally:
 * every metacharacter is escaped, so no user input is ever interpreted as a pattern or an operator.
 */
public final class TextMatch {

    private static final String META = "\\^$.|?*+()[]{}/-";

    private TextMatch() {
    }

    public static Pattern containing(String text) {
        StringBuilder escaped = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (META.indexOf(c) >= 0) {
                escaped.append('\\');
            }
            escaped.append(c);
        }
        return Pattern.compile(escaped.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }
}
