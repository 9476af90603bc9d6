package org.newsletter.bounces;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;
import org.newsletter.subscription.ConsentEvent;
import org.newsletter.subscription.ConsentSource;
import org.newsletter.subscription.RequestOrigin;
import org.newsletter.subscription.Subscriber;
import org.newsletter.subscription.Subscription;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Records what the provider learnt after accepting a message. A hard bounce is recorded and suppresses
 * the address, like a 5xx while sending. A complaint withdraws consent: the reader leaves every list (in
 * the consent log, source {@code complaint}) and the address is suppressed; the reader's own confirmed
 * signup later lifts that suppression. Addresses that are no reader's are suppressed all the same.
 */
@ApplicationScoped
@Transactional
public class DeliveryFeedback {

    private static final Logger LOG = Logger.getLogger(DeliveryFeedback.class);

    public enum Kind { hardBounce, complaint }

    /** One report: what happened to which address, the provider's words for it, and the digest when known. */
    public record Report(Kind kind, String email, String detail, Optional<Long> digestId) {
    }

    private final EntityManager em;
    private final Clock clock;
    private final MeterRegistry registry;

    DeliveryFeedback(EntityManager em, Clock clock, MeterRegistry registry) {
        this.em = em;
        this.clock = clock;
        this.registry = registry;
    }

    /** Records the reports in one transaction. */
    public void record(List<Report> reports) {
        Instant now = clock.instant();
        for (Report report : reports) {
            Optional<Subscriber> reader = Subscriber.findByEmail(report.email());
            String detail = truncate(report.detail());
            switch (report.kind()) {
                case hardBounce -> {
                    // the digest only when it is one of ours (the reference comes from outside)
                    em.createNativeQuery("""
                                    insert into bounces (subscriber_id, digest_id, email_hash, reply, late)
                                    values (?1, (select id from digests where id = ?4), email_hash(?2), ?3, true)
                                    """)
                            .setParameter(1, reader.map(s -> s.id).orElse(null)).setParameter(2, report.email())
                            .setParameter(3, detail).setParameter(4, report.digestId().orElse(-1L)).executeUpdate();
                    suppress(report.email(), "bounce", detail);
                }
                case complaint -> {
                    reader.ifPresent(s -> leaveEveryList(s, now));
                    suppress(report.email(), "complaint", detail);
                }
            }
            registry.counter("newsletter.feedback", "kind", report.kind().name()).increment();
            LOG.infof("Provider reported a %s for %s", report.kind(),
                    reader.map(s -> "subscriber " + s.id).orElse("an address that is no reader's"));
        }
    }

    private void leaveEveryList(Subscriber subscriber, Instant now) {
        List<Subscription> left = Subscription.ofSubscriber(subscriber).stream()
                .filter(s -> s.status() != Subscription.Status.unsubscribed).toList();
        if (left.isEmpty()) {
            return;
        }
        left.forEach(s -> s.unsubscribe(now));
        ConsentEvent.record(subscriber, ConsentEvent.Action.unsubscribe, ConsentSource.COMPLAINT,
                left.stream().map(s -> s.list.id).toList(), RequestOrigin.NONE, null, now);
    }

    /** A suppression already there (an erasure, an earlier bounce) stays as it is. */
    private void suppress(String email, String reason, String detail) {
        em.createNativeQuery("""
                        insert into suppressions (email_hash, reason, detail) values (email_hash(?1), ?2, ?3)
                        on conflict (email_hash) do nothing
                        """)
                .setParameter(1, email).setParameter(2, reason).setParameter(3, detail).executeUpdate();
    }

    private static String truncate(String text) {
        return text == null ? null : text.length() > 1000 ? text.substring(0, 1000) : text;
    }
}
