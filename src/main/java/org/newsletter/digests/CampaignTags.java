package org.newsletter.digests;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** UTM parameters on article links, so the publisher's analytics can tell newsletter readers apart. */
final class CampaignTags {

    private final Optional<String> source;

    CampaignTags(Optional<String> source) {
        this.source = source.map(String::strip).filter(s -> !s.isEmpty());
    }

    /** The article's URL as readers should reach it from a digest of this list. */
    String tag(String url, String listSlug) {
        if (source.isEmpty() || url.contains("utm_source=")) {
            return url;
        }
        int fragment = url.indexOf('#');
        String base = fragment < 0 ? url : url.substring(0, fragment);
        String hash = fragment < 0 ? "" : url.substring(fragment);
        String params = "utm_source=" + encode(source.get()) + "&utm_medium=email&utm_campaign=" + encode(listSlug);
        return base + (base.contains("?") ? (base.endsWith("?") || base.endsWith("&") ? "" : "&") : "?") + params + hash;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
