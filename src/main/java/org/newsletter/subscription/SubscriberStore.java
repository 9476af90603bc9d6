package org.newsletter.subscription;

import io.quarkus.hibernate.orm.panache.Panache;

import java.time.Instant;
import java.util.UUID;

/** SQL for subscribers that the entity API cannot say well. */
final class SubscriberStore {

    private SubscriberStore() {
    }

    /**
     * Inserts the reader unless the address (case-insensitively) is known, and locks the row either way:
     * an {@code on conflict do update} takes the row lock, so two concurrent signups for one address never
     * collide on the unique index: one inserts, the other waits and sees the row. {@code xmax = 0} tells
     * a freshly inserted row from an existing one.
     */
    static Stored insertIfAbsentAndLock(String email, String name, Instant now) {
        Object[] row = (Object[]) Panache.getEntityManager().createNativeQuery("""
                        insert into subscribers (public_id, email, name, status, created_at)
                        values (?1, ?2, ?3, 'active', ?4)
                        on conflict ((lower(email))) do update set email = subscribers.email
                        returning id, (xmax = 0) as created
                        """)
                .setParameter(1, UUID.randomUUID())
                .setParameter(2, email)
                .setParameter(3, name)
                .setParameter(4, now)
                .getSingleResult();
        Subscriber subscriber = Subscriber.findById(((Number) row[0]).longValue());
        return new Stored(subscriber, (Boolean) row[1]);
    }

    /** The locked reader, and whether this call created them (then they have no subscriptions yet). */
    record Stored(Subscriber subscriber, boolean created) {
    }
}
