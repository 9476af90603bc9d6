package org.newsletter.lists;

import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Singleton;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The public lists by slug, read on every signup and changed rarely: kept in memory, so that a signup can
 * be validated without the database (the JSON signup runs on the I/O thread). Loaded at start, again after
 * the commit of any list change made through this instance, and every few seconds for changes made
 * through another instance.
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

    private volatile Map<String, PublicList> bySlug = Map.of();

    public Map<String, PublicList> bySlug() {
        return bySlug;
    }

    void load(@Observes StartupEvent start) {
        reload();
    }

    /**
     * Runs as the change's transaction completes; the reload needs a transaction of its own, so it runs on
     * another thread, and the caller waits for it: the next signup on this instance sees the change.
     */
    void onChange(@Observes(during = TransactionPhase.AFTER_SUCCESS) Changed changed) {
        CompletableFuture.runAsync(this::reload).join();
    }

    /** Synchronized: a reload that read before a change committed never overwrites one that read after. */
    @Scheduled(every = "5s", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    synchronized void reload() {
        bySlug = QuarkusTransaction.requiringNew().call(() -> MailingList.publicLists().stream()
                .map(l -> new PublicList(l.id, l.slug, l.name, l.optIn))
                .collect(Collectors.toUnmodifiableMap(PublicList::slug, Function.identity())));
    }
}
