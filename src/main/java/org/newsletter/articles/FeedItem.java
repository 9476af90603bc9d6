package org.newsletter.articles;

import java.time.Instant;

/** One entry of a fetched feed, already cleaned: text title, sanitized summary, http(s) link. */
public record FeedItem(String guid, String url, String title, String summary, String author, String imageUrl,
                       Instant publishedAt) {
}
