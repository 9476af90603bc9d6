package org.newsletter.subscription;

import io.quarkus.hibernate.orm.panache.Panache;

import java.time.Instant;
import java.util.UUID;

/** SQL for subscribers that the entity API cannot say well. */
final class SubscriberStore {

    private SubscriberStore() {
    }

    /**
     * Inserts the reader unless the address (case-insensitively) is known, then locks the row. Two
     * concurrent signups for one new address therefore never collide on the unique index: one inserts,
     * the other waits on the lock and sees the row.
     */
    static Subscriber insertIfAbsentAndLock(String email, String name, Instant now) {
        Panache.getEntityManager().createNativeQuery("""
                        insert into subscribers (public_id, email, name, status, created_at)
                        values (?1, ?2, ?3, 'active', ?4)
                        on conflict ((lower(email))) do nothing
                        """)
                .setParameter(1, UUID.randomUUID())
                .setParameter(2, email)
                .setParameter(3, name)
                .setParameter(4, now)
                .executeUpdate();
        return Subscriber.lockByEmail(email).orElseThrow();
    }
}
