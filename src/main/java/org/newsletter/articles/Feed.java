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

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;

/** A site feed polled for new articles; it remembers its last error and backs off while it fails. */
@Entity
@Table(name = "feeds")
public class Feed extends PanacheEntityBase {

    static final int MAX_ERROR = 1000;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false, unique = true)
    public String url;

    public String title;

    @Column(name = "poll_minutes", nullable = false)
    public int pollMinutes = 60;

    @Column(name = "next_poll_at", nullable = false)
    public Instant nextPollAt;

    @Column(name = "last_polled_at")
    public Instant lastPolledAt;

    @Column(name = "last_success_at")
    public Instant lastSuccessAt;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "consecutive_failures", nullable = false)
    public int consecutiveFailures;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt = Instant.now();

    @ManyToMany
    @JoinTable(name = "feed_lists", joinColumns = @JoinColumn(name = "feed_id"),
            inverseJoinColumns = @JoinColumn(name = "list_id"))
    public Set<MailingList> lists = new LinkedHashSet<>();

    void succeeded(Instant now, String feedTitle) {
        lastPolledAt = now;
        lastSuccessAt = now;
        lastError = null;
        consecutiveFailures = 0;
        if (feedTitle != null && !feedTitle.isBlank()) {
            title = Html.shorten(feedTitle.strip(), 500);
        }
        nextPollAt = now.plus(Duration.ofMinutes(pollMinutes));
    }

    /** Records the error and waits longer each time: the poll interval doubled per failure, at most a day. */
    void failed(Instant now, String error) {
        lastPolledAt = now;
        lastError = error.length() > MAX_ERROR ? error.substring(0, MAX_ERROR) : error;
        consecutiveFailures++;
        long minutes = Math.min((long) pollMinutes << Math.min(consecutiveFailures - 1, 10), 24 * 60);
        nextPollAt = now.plus(Duration.ofMinutes(Math.max(minutes, pollMinutes)));
    }
}
