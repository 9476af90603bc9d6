package org.newsletter.lists;

import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Singleton;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The public lists by slug, read on every signup and changed rarely: kept in memory for a few seconds.
 * A change made through this instance is seen at once (after its commit); one made through another
 * instance within {@link #MAX_AGE_NANOS}.
 */
@Singleton
public class PublicLists {

    /** What a signup needs to know of a list; not an entity, so it can be shared between requests. */
    public record PublicList(long id, String slug, String name, OptInMode optIn) {
        public boolean requiresConfirmation() {
            return optIn == OptInMode.DOUBLE;
        }

        /** A reference for associations, without loading the list. */
        public MailingList reference() {
            return Panache.getEntityManager().getReference(MailingList.class, id);
        }
    }

    /** Fired by whatever changes lists; observed after commit. */
    public record Changed() {
    }

    static final long MAX_AGE_NANOS = 5_000_000_000L;

    private record Snapshot(Map<String, PublicList> bySlug, long loadedAt) {
    }

    private volatile Snapshot snapshot;

    public Map<String, PublicList> bySlug() {
        Snapshot current = snapshot;
        if (current == null || System.nanoTime() - current.loadedAt() > MAX_AGE_NANOS) {
            current = new Snapshot(MailingList.publicLists().stream()
                    .map(l -> new PublicList(l.id, l.slug, l.name, l.optIn))
                    .collect(Collectors.toUnmodifiableMap(PublicList::slug, Function.identity())), System.nanoTime());
            snapshot = current;
        }
        return current.bySlug();
    }

    void onChange(@Observes(during = TransactionPhase.AFTER_SUCCESS) Changed changed) {
        snapshot = null;
    }
}
