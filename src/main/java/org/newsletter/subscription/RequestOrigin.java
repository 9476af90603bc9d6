package org.newsletter.subscription;

/** Where a request came from, as recorded with consent: the client's IP address and user agent. */
public record RequestOrigin(String ipAddress, String userAgent) {

    public static final RequestOrigin NONE = new RequestOrigin(null, null);

    public RequestOrigin {
        userAgent = userAgent == null ? null : truncate(userAgent, 512);
        ipAddress = ipAddress == null ? null : truncate(ipAddress, 64);
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
