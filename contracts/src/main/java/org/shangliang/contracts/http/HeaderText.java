package org.shangliang.contracts.http;

/**
 * What the firewall of every door lets through in a header's name and value: assigned characters that are
 * not control characters, and a tab inside a value; the same rule as Spring Security's
 * {@code StrictHttpFirewall} and {@code StrictServerWebExchangeFirewall} by default. Theirs is a regular
 * expression over Unicode properties, run over every header of every request (the bearer token's 700
 * characters among them: 1.4–1.9 % of a request's CPU in the gateway and a service); this walks the characters
 * with a quick path for printable ASCII. {@code HeaderTextTest} holds it to Spring's rule for every code point.
 */
public final class HeaderText {

    private HeaderText() {
    }

    /** A header's name: assigned characters, none of them a control character. Null passes (as in Spring's reactive firewall). */
    public static boolean allowedName(String name) {
        return allowed(name, false);
    }

    /** A header's value: assigned characters, none of them a control character but the tab. Null passes (as in Spring's reactive firewall). */
    public static boolean allowedValue(String value) {
        return allowed(value, true);
    }

    private static boolean allowed(String text, boolean tab) {
        if (text == null) {
            return true;
        }
        int length = text.length();
        for (int i = 0; i < length; ) {
            char c = text.charAt(i);
            if (c >= 0x20 && c < 0x7f) {
                i++;
                continue;
            }
            int codePoint = text.codePointAt(i);
            if (!(Character.isDefined(codePoint) && !Character.isISOControl(codePoint)) && !(tab && codePoint == '\t')) {
                return false;
            }
            i += Character.charCount(codePoint);
        }
        return true;
    }
}
