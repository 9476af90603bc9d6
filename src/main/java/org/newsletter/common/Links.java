package org.newsletter.common;

import jakarta.inject.Singleton;

import java.net.URI;

/** Absolute links into this service, built on {@code newsletter.base-url}. */
@Singleton
public class Links {

    private final String base;
    private final String host;

    public Links(NewsletterConfig config) {
        String url = config.baseUrl().strip();
        URI uri = URI.create(url);
        if (!uri.isAbsolute() || uri.getHost() == null) {
            throw new IllegalStateException("newsletter.base-url (NEWSLETTER_BASE_URL) must be an absolute URL, got: " + url);
        }
        this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.host = uri.getHost();
    }

    public String confirm(String token) {
        return base + "/confirm/" + token;
    }

    public String unsubscribe(String token) {
        return base + "/unsubscribe/" + token;
    }

    public String preferences(String token) {
        return base + "/preferences/" + token;
    }

    /** A counted article link of a digest. */
    public String click(String token) {
        return base + "/r/" + token;
    }

    public String home() {
        return base + "/";
    }

    /** The host readers reach us at; used for List-Id. */
    public String host() {
        return host;
    }
}
