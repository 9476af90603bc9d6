package org.newsletter.digests;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import org.newsletter.lists.MailingList;
import org.newsletter.subscription.IllegalTransitionException;

import java.time.Instant;

/**
 * A digest of one list's articles. draft -> sending <-> paused -> sent; draft, sending and paused can be
 * cancelled; a sent digest goes back to sending when its failed recipients are retried. Any other move is
 * refused.
 */
@Entity
@Table(name = "digests")
public class Digest extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "list_id", nullable = false, updatable = false)
    public MailingList list;

    @Column(nullable = false)
    public String subject;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public DigestStatus status = DigestStatus.draft;

    @Column(nullable = false)
    public boolean scheduled;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt = Instant.now();

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    public void start(Instant now) {
        require(DigestStatus.draft, "send");
        status = DigestStatus.sending;
        startedAt = now;
    }

    public void pause() {
        require(DigestStatus.sending, "pause");
        status = DigestStatus.paused;
    }

    public void resume() {
        require(DigestStatus.paused, "resume");
        status = DigestStatus.sending;
    }

    /** Sending again, to recipients whose delivery failed: only a digest that finished sending. */
    public void retryFailed() {
        require(DigestStatus.sent, "retry the failed recipients of");
        status = DigestStatus.sending;
        finishedAt = null;
    }

    public void cancel(Instant now) {
        if (status.finished()) {
            throw new IllegalTransitionException("The digest is " + status + " and cannot be cancelled");
        }
        status = DigestStatus.cancelled;
        finishedAt = now;
    }

    private void require(DigestStatus expected, String action) {
        if (status != expected) {
            throw new IllegalTransitionException("Cannot " + action + " a digest that is " + status);
        }
    }
}
