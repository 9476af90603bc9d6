package org.newsletter.digests;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;
import org.newsletter.lists.DigestSchedules;
import org.newsletter.lists.MailingList;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Sends scheduled digests. Every instance checks; the one whose conditional update of the list's
 * {@code digest_last_run} succeeds owns that run, so each scheduled time fires once across instances.
 * A run without new articles is recorded and skipped.
 */
@ApplicationScoped
public class DigestScheduler {

    private static final Logger LOG = Logger.getLogger(DigestScheduler.class);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);

    private final DigestService digests;
    private final EntityManager em;
    private final Clock clock;

    DigestScheduler(DigestService digests, EntityManager em, Clock clock) {
        this.digests = digests;
        this.em = em;
        this.clock = clock;
    }

    @Scheduled(every = "${newsletter.digest.schedule-check-interval}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void check() {
        try {
            runDue();
        } catch (RuntimeException e) {
            LOG.warn("Checking digest schedules failed; the next check tries again", e);
        }
    }

    /** Handles every list whose scheduled time has come; returns the digests started. */
    public List<Long> runDue() {
        List<Long> listIds = QuarkusTransaction.requiringNew().call(() ->
                MailingList.<MailingList>list("digestCron is not null").stream().map(l -> l.id).toList());
        return listIds.stream().map(id -> QuarkusTransaction.requiringNew().call(() -> runOne(id)))
                .flatMap(Optional::stream).toList();
    }

    private Optional<Long> runOne(long listId) {
        MailingList list = MailingList.findById(listId);
        if (list == null || list.digestCron == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Optional<Instant> due = DigestSchedules.lastFire(list.digestCron, list.digestZone, now);
        if (due.isEmpty() || (list.digestLastRun != null && !due.get().isAfter(list.digestLastRun))) {
            return Optional.empty();
        }
        if (!claim(listId, due.get())) {
            return Optional.empty(); // another instance has this run
        }
        if (list.digestLastRun == null) {
            LOG.infof("List %d: digest schedule starts; the first run is the next scheduled time", listId);
            return Optional.empty();
        }
        List<Long> articles = digests.unsentArticles(listId);
        if (articles.isEmpty()) {
            LOG.infof("List %d: scheduled digest skipped, no new articles", listId);
            return Optional.empty();
        }
        String subject = list.digestSubject != null ? list.digestSubject
                : list.name + ": " + DAY.format(due.get().atZone(ZoneId.of(list.digestZone)));
        Digest digest = digests.compose(list, subject, articles, true);
        digests.send(digest.id);
        LOG.infof("List %d: scheduled digest %d started with %d article(s)", listId, digest.id, articles.size());
        return Optional.of(digest.id);
    }

    /** Takes the run: only one transaction, on any instance, moves the list's last run to this time. */
    private boolean claim(long listId, Instant due) {
        return em.createNativeQuery("""
                        update mailing_lists set digest_last_run = ?1
                         where id = ?2 and (digest_last_run is null or digest_last_run < ?1)
                        """)
                .setParameter(1, due).setParameter(2, listId).executeUpdate() == 1;
    }
}
