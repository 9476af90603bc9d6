package org.newsletter.subscription;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import org.newsletter.lists.MailingList;

import java.time.Instant;
import java.util.List;

/**
 * One reader on one list, with its own state machine:
 * {@code pending -> confirmed -> unsubscribed}, and back to {@code pending} on a new signup.
 * Illegal moves throw {@link IllegalTransitionException}.
 */
@Entity
@Table(name = "subscriptions")
public class Subscription extends PanacheEntityBase {

    public enum Status { pending, confirmed, unsubscribed }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "subscriber_id")
    public Subscriber subscriber;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "list_id")
    public MailingList list;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Status status;

    @Column(name = "confirmation_declined", nullable = false)
    private boolean confirmationDeclined;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "confirmed_at")
    private Instant confirmedAt;

    @Column(name = "unsubscribed_at")
    private Instant unsubscribedAt;

    protected Subscription() {
    }

    /** A new subscription starts pending: it becomes confirmed by mail or, on single opt-in lists, at once. */
    public static Subscription startPending(Subscriber subscriber, MailingList list, Instant now) {
        Subscription s = new Subscription();
        s.subscriber = subscriber;
        s.list = list;
        s.status = Status.pending;
        s.createdAt = now;
        s.updatedAt = now;
        return s;
    }

    public Status status() {
        return status;
    }

    public boolean isConfirmationDeclined() {
        return confirmationDeclined;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant confirmedAt() {
        return confirmedAt;
    }

    public Instant unsubscribedAt() {
        return unsubscribedAt;
    }

    /**
     * A reader asks (again) to be on this list. A confirmed subscription stays confirmed; an
     * unsubscribed one starts over as pending.
     *
     * @return true when the subscription is now waiting for the reader's confirmation
     */
    public boolean requestSignup(Instant now) {
        switch (status) {
            case confirmed:
                return false;
            case unsubscribed:
                status = Status.pending;
                unsubscribedAt = null;
                updatedAt = now;
                return true;
            default:
                return true;
        }
    }

    /** The reader proved the address is theirs (or the list needs no proof). Idempotent. */
    public void confirm(Instant now) {
        switch (status) {
            case pending:
                status = Status.confirmed;
                confirmedAt = now;
                updatedAt = now;
                break;
            case confirmed:
                break;
            default:
                throw new IllegalTransitionException("An unsubscribed subscription cannot be confirmed; sign up again");
        }
    }

    /** Leaving the list. Idempotent. */
    public void unsubscribe(Instant now) {
        if (status != Status.unsubscribed) {
            status = Status.unsubscribed;
            unsubscribedAt = now;
            updatedAt = now;
        }
    }

    /**
     * The reader said "this was not me" from the confirmation mail: the pending signup is dropped and
     * no further confirmation mail goes to this address for this list.
     */
    public void declineConfirmation(Instant now) {
        if (status == Status.confirmed) {
            throw new IllegalTransitionException("A confirmed subscription is left by unsubscribing, not by declining");
        }
        confirmationDeclined = true;
        unsubscribe(now);
    }

    /** An import by the publisher: the reader agreed elsewhere. Never overrides a reader's unsubscribe. */
    public void confirmByImport(Instant now) {
        if (status == Status.unsubscribed) {
            throw new IllegalTransitionException("The reader unsubscribed; an import does not re-subscribe them");
        }
        confirm(now);
    }

    public static List<Subscription> ofSubscriber(Subscriber subscriber) {
        return list("subscriber = ?1 order by list.name", subscriber);
    }

    public static List<Subscription> ofSubscriberAndLists(Subscriber subscriber, List<Long> listIds) {
        return list("subscriber = ?1 and list.id in ?2", subscriber, listIds);
    }
}
