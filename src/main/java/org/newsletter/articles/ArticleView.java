package org.newsletter.articles;

import java.time.Instant;
import java.util.List;

/** An article as the admin API shows it. */
public record ArticleView(long id, String title, String url, String summary, String author, Instant publishedAt,
                          String imageUrl, List<String> lists, Long feedId, Instant createdAt) {

    public static ArticleView of(Article a) {
        return new ArticleView(a.id, a.title, a.url, a.summary, a.author, a.publishedAt, a.imageUrl,
                a.lists.stream().map(l -> l.slug).sorted().toList(), a.feedId, a.createdAt);
    }

    /** One page of articles. */
    public record Page(List<ArticleView> items, int page, int size, long total) {
    }
}
