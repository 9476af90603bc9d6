package org.newsletter.subscription;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;
import org.newsletter.common.NewsletterConfig;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Data minimization for signups nobody confirmed: a reader whose every subscription is still pending,
 * untouched for {@code newsletter.signup.pending-retention} (30 days), never agreed to anything, often
 * someone else typed their address (a bot list-bombing it). Their address, name, subscriptions and mail
 * go, and their signup events stay as counts without IP address or user agent. Unlike an erasure nothing
 * is suppressed: the person may sign up later like anyone. Readers who confirmed, left or declined
 * anything, and blocked readers, are kept. Runs hourly on every instance; SKIP LOCKED keeps them apart.
 */
@ApplicationScoped
public class PendingSignupPurge {

    private static final Logger LOG = Logger.getLogger(PendingSignupPurge.class);
    private static final int BATCH = 5_000;

    /**
     * Readers who signed up before ?1 and have subscriptions, all pending and none changed since ?1.
     * Binds: cutoff, cutoff, limit.
     */
    static final String NEVER_CONFIRMED = """
            select s.id from subscribers s
             where s.status = 'active' and s.created_at < ?1
               and exists (select 1 from subscriptions x where x.subscriber_id = s.id)
               and not exists (select 1 from subscriptions x where x.subscriber_id = s.id
                                and (x.status <> 'pending' or x.confirmation_declined or x.updated_at >= ?2))
             order by s.id
             limit ?3
               for update of s skip locked
            """;

    private final EntityManager em;
    private final Clock clock;
    private final Duration retention;

    PendingSignupPurge(EntityManager em, Clock clock, NewsletterConfig config) {
        this.em = em;
        this.clock = clock;
        this.retention = config.signup().pendingRetention();
        if (!retention.isZero() && retention.compareTo(config.confirmTokenTtl()) < 0) {
            throw new IllegalStateException("NEWSLETTER_SIGNUP_PENDING_RETENTION (" + retention + ") must be at least "
                    + "NEWSLETTER_CONFIRM_TOKEN_TTL (" + config.confirmTokenTtl() + "), or confirmation links break; 0 keeps pending readers");
        }
    }

    @Scheduled(every = "1h", delayed = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void hourly() {
        if (!retention.isZero()) {
            purgeUntouchedSince(clock.instant().minus(retention));
        }
    }

    /** Purges readers who never confirmed anything and whose signups are older than the cutoff; returns how many. */
    public int purgeUntouchedSince(Instant cutoff) {
        int total = 0;
        int purged;
        do {
            purged = purgeBatch(cutoff);
            total += purged;
        } while (purged == BATCH);
        if (total > 0) {
            LOG.infof("%d reader(s) who never confirmed a signup purged", total);
        }
        return total;
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    int purgeBatch(Instant cutoff) {
        @SuppressWarnings("unchecked")
        List<Number> found = em.createNativeQuery(NEVER_CONFIRMED)
                .setParameter(1, cutoff).setParameter(2, cutoff).setParameter(3, BATCH).getResultList();
        if (found.isEmpty()) {
            return 0;
        }
        Long[] ids = found.stream().map(Number::longValue).toArray(Long[]::new);
        em.createNativeQuery("update consent_events set ip_address = null, user_agent = null where subscriber_id = any(?1)")
                .setParameter(1, ids).executeUpdate();
        // subscriptions and queued mail go with the reader (cascade); consent events stay as counts (set null)
        em.createNativeQuery("delete from subscribers where id = any(?1)").setParameter(1, ids).executeUpdate();
        return ids.length;
    }
}
