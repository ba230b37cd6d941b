package org.shangliang.platform.requestid;

import java.util.UUID;
import java.util.regex.Pattern;

import org.slf4j.MDC;

/**
 * The request id that follows one user action through the gateway, every service it reaches and
 * every event it causes. It lives in the logging MDC under {@value #MDC_KEY} while work for it runs.
 */
public final class RequestId {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "requestId";

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private RequestId() {
    }

    /** Whether a client-supplied id is short and made of safe characters only. */
    public static boolean isAcceptable(String candidate) {
        return candidate != null && SAFE.matcher(candidate).matches();
    }

    public static String newId() {
        return UUID.randomUUID().toString();
    }

    /** The id of the work running on this thread, or null outside of any request or event. */
    public static String current() {
        return MDC.get(MDC_KEY);
    }
}
