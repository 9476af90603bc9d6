package org.newsletter.subscription;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;
import org.jboss.logging.Logger;
import org.newsletter.common.SqlValues;
import org.newsletter.subscription.admin.SubscriberQueries;
import org.newsletter.subscription.admin.SubscriberViews;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A reader's right of access and right to erasure. The export holds everything stored about them; the
 * erasure removes it, keeps what is only a count (consent events without the person, delivery rows without
 * an address), and keeps the address as a SHA-256 in the suppression list so no later import re-adds it.
 */
@ApplicationScoped
public class ReaderData {

    private static final Logger LOG = Logger.getLogger(ReaderData.class);

    /** Everything about one reader, as they or an admin download it. */
    public record Export(Instant exportedAt, SubscriberViews.Detail reader, List<Delivery> digestsReceived) {
    }

    public record Delivery(String digest, String list, String status, Instant sentAt) {
    }

    private final SubscriberQueries queries;
    private final EntityManager em;

    ReaderData(SubscriberQueries queries, EntityManager em) {
        this.queries = queries;
        this.em = em;
    }

    @Transactional
    public Export export(UUID publicId) {
        SubscriberViews.Detail detail = queries.detail(publicId);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        select d.subject, l.slug, dl.status, dl.sent_at
                          from deliveries dl join digests d on d.id = dl.digest_id join mailing_lists l on l.id = d.list_id
                         where dl.subscriber_id = (select id from subscribers where public_id = ?1)
                         order by d.created_at
                        """)
                .setParameter(1, publicId).getResultList();
        List<Delivery> deliveries = rows.stream()
                .map(r -> new Delivery((String) r[0], (String) r[1], (String) r[2], SqlValues.instant(r[3]))).toList();
        return new Export(Instant.now(), detail, deliveries);
    }

    /** Erases the reader; returns false when there was nobody to erase. */
    @Transactional
    public boolean erase(UUID publicId) {
        Subscriber subscriber = Subscriber.find("publicId", publicId).firstResult();
        if (subscriber == null) {
            return false;
        }
        em.createNativeQuery("""
                        insert into suppressions (email_hash, reason, detail) values (email_hash(?1), 'erased', 'erased on request')
                        on conflict (email_hash) do update set reason = 'erased', detail = excluded.detail
                        """)
                .setParameter(1, subscriber.email).executeUpdate();
        em.createNativeQuery("update consent_events set ip_address = null, user_agent = null where subscriber_id = ?1")
                .setParameter(1, subscriber.id).executeUpdate();
        // subscriptions and queued mail go with the reader (cascade); consent events keep their counts
        // (set null); delivery rows stay as counts and are skipped if still unsent
        em.createNativeQuery("delete from subscribers where id = ?1").setParameter(1, subscriber.id).executeUpdate();
        LOG.infof("Subscriber %d erased on request", subscriber.id);
        return true;
    }

    public static UUID parseId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("No subscriber " + id);
        }
    }
}
