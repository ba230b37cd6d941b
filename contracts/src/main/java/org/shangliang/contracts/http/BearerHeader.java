package org.shangliang.contracts.http;

/**
 * The {@code Authorization: Bearer <token>} header of RFC 6750 §2.1, read the way Spring Security reads it, by
 * every door alike (the gateway's reactive filter chain and each service's servlet one). Spring Security's own
 * readers match the header, with the token of some 700 characters, against a case-insensitive regular
 * expression: 3–5 % of the CPU each request cost the gateway and a service (profiled, docs/benchmarks.md).
 * This reads the same header character by character; {@code BearerHeaderTest} holds it to Spring's reader.
 */
public final class BearerHeader {

    private static final String SCHEME = "bearer ";

    private BearerHeader() {
    }

    /**
     * True when the header starts with {@code bearer} (any case), as Spring's pre-check: a token is then expected, and
     * a header such as {@code Bearerx} is malformed rather than another scheme's.
     */
    public static boolean isBearer(String authorization) {
        return authorization != null && startsWithIgnoringAsciiCase(authorization, SCHEME, SCHEME.length() - 1);
    }

    /**
     * The token of a Bearer header: {@code Bearer} (any case), one space, then a b64token (letters, digits,
     * {@code - . _ ~ + /}, at least one, then any number of {@code =}). Null when the header is malformed.
     */
    public static String wellFormedToken(String authorization) {
        if (authorization == null || !startsWithIgnoringAsciiCase(authorization, SCHEME, SCHEME.length())) {
            return null;
        }
        int end = authorization.length();
        while (end > SCHEME.length() && authorization.charAt(end - 1) == '=') {
            end--;
        }
        if (end == SCHEME.length()) {
            return null;
        }
        for (int i = SCHEME.length(); i < end; i++) {
            if (!isTokenCharacter(authorization.charAt(i))) {
                return null;
            }
        }
        return authorization.substring(SCHEME.length());
    }

    private static boolean isTokenCharacter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == '/';
    }

    /** {@code lowerCasePrefix}'s first {@code length} characters, ASCII letters in either case, as the expression's flag. */
    private static boolean startsWithIgnoringAsciiCase(String text, String lowerCasePrefix, int length) {
        if (text.length() < length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            char expected = lowerCasePrefix.charAt(i);
            if (c != expected && !(c >= 'A' && c <= 'Z' && (char) (c + ('a' - 'A')) == expected)) {
                return false;
            }
        }
        return true;
    }
}
