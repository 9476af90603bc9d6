package org.newsletter.articles;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.Table;
import org.newsletter.lists.MailingList;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/** One article of the site, unique by URL; its summary is stored sanitized. */
@Entity
@Table(name = "articles")
public class Article extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false, unique = true)
    public String url;

    @Column(name = "feed_id")
    public Long feedId;

    public String guid;

    @Column(nullable = false)
    public String title;

    @Column(nullable = false)
    public String summary = "";

    public String author;

    @Column(name = "image_url")
    public String imageUrl;

    @Column(name = "published_at", nullable = false)
    public Instant publishedAt;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt = Instant.now();

    @ManyToMany
    @JoinTable(name = "article_lists", joinColumns = @JoinColumn(name = "article_id"),
            inverseJoinColumns = @JoinColumn(name = "list_id"))
    public Set<MailingList> lists = new LinkedHashSet<>();

    public static Optional<Article> findByUrl(String url) {
        return find("url", url).firstResultOptional();
    }
}
