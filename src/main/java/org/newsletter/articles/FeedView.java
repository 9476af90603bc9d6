package org.newsletter.articles;

import java.time.Instant;
import java.util.List;

/** A feed as the admin API shows it, with the outcome of its last poll. */
public record FeedView(long id, String url, String title, List<String> lists, int pollMinutes, Instant nextPollAt,
                       Instant lastPolledAt, Instant lastSuccessAt, String lastError, int consecutiveFailures,
                       Integer newArticles) {

    static FeedView of(Feed f) {
        return of(f, null);
    }

    static FeedView of(Feed f, Integer newArticles) {
        return new FeedView(f.id, f.url, f.title, f.lists.stream().map(l -> l.slug).sorted().toList(), f.pollMinutes,
                f.nextPollAt, f.lastPolledAt, f.lastSuccessAt, f.lastError, f.consecutiveFailures, newArticles);
    }
}
