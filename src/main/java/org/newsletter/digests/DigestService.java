package org.newsletter.digests;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;
import org.jboss.logging.Logger;
import org.newsletter.common.ConflictException;
import org.newsletter.common.FieldError;
import org.newsletter.common.InputRules;
import org.newsletter.common.InvalidInputException;
import org.newsletter.common.NewsletterConfig;
import org.newsletter.common.SqlValues;
import org.newsletter.lists.MailingList;
import org.newsletter.mail.MailMessage;
import org.newsletter.mail.MailQueue;
import org.newsletter.mail.OutboundMail;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Composing digests and moving them through their life; the sending itself is the engine's. */
@ApplicationScoped
@Transactional
public class DigestService {

    private static final Logger LOG = Logger.getLogger(DigestService.class);

    /** Fired when a digest starts, pauses, resumes or is cancelled; observed after commit by the sending engine. */
    public record StateChanged(long digestId) {
    }

    private final EntityManager em;
    private final DigestRenderer renderer;
    private final MailQueue mailQueue;
    private final Event<StateChanged> changed;
    private final Clock clock;
    private final int maxArticles;
    private final java.time.Duration lease;

    DigestService(EntityManager em, DigestRenderer renderer, MailQueue mailQueue, Event<StateChanged> changed,
                  Clock clock, NewsletterConfig config) {
        this.em = em;
        this.renderer = renderer;
        this.mailQueue = mailQueue;
        this.changed = changed;
        this.clock = clock;
        this.maxArticles = config.digest().maxArticles();
        this.lease = config.send().lease();
    }

    public DigestView create(DigestRequest request) {
        MailingList list = MailingList.findBySlug(request.list().strip())
                .orElseThrow(() -> new InvalidInputException("list", "There is no list '" + request.list() + "'"));
        if (list.archived) {
            throw new InvalidInputException("list", "The list '" + list.slug + "' is archived; restore it to send to it");
        }
        List<Long> articles;
        if (request.articleIds() == null || request.articleIds().isEmpty()) {
            articles = unsentArticles(list.id);
            if (articles.isEmpty()) {
                throw new InvalidInputException("articleIds", "The list '" + list.slug
                        + "' has no articles that were not in a sent digest yet; add articles or name them in articleIds");
            }
        } else {
            articles = checkedArticles(request.articleIds());
        }
        Digest digest = compose(list, request.subject().strip(), articles, false);
        return view(digest);
    }

    /** The list's articles not yet in a digest of that list that went out (or is going out), newest first. */
    @SuppressWarnings("unchecked")
    List<Long> unsentArticles(long listId) {
        return ((List<Number>) em.createNativeQuery("""
                        select a.id from articles a join article_lists al on al.article_id = a.id and al.list_id = ?1
                         where not exists (select 1 from digest_articles da join digests d on d.id = da.digest_id
                                            where da.article_id = a.id and d.list_id = ?1
                                              and d.status in ('sending', 'paused', 'sent'))
                         order by a.published_at desc, a.id desc limit ?2
                        """)
                .setParameter(1, listId).setParameter(2, maxArticles).getResultList())
                .stream().map(Number::longValue).toList();
    }

    @SuppressWarnings("unchecked")
    private List<Long> checkedArticles(List<Long> ids) {
        Set<Long> wanted = new LinkedHashSet<>();
        for (Long id : ids) {
            if (id == null) {
                throw new InvalidInputException("articleIds", "Article ids cannot be null");
            }
            wanted.add(id);
        }
        Set<Long> known = new HashSet<>(((List<Number>) em.createNativeQuery("select id from articles where id = any(?1)")
                .setParameter(1, wanted.toArray(Long[]::new)).getResultList()).stream().map(Number::longValue).toList());
        List<FieldError> errors = new ArrayList<>();
        for (Long id : wanted) {
            if (!known.contains(id)) {
                errors.add(new FieldError("articleIds", "There is no article " + id));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return List.copyOf(wanted);
    }

    Digest compose(MailingList list, String subject, List<Long> articleIds, boolean scheduled) {
        Digest digest = new Digest();
        digest.list = list;
        digest.subject = subject;
        digest.scheduled = scheduled;
        digest.createdAt = clock.instant();
        digest.persist();
        em.flush();
        em.createNativeQuery("""
                        insert into digest_articles (digest_id, article_id, position)
                        select ?1, a.id, a.pos from unnest(cast(?2 as bigint[])) with ordinality as a(id, pos)
                        """)
                .setParameter(1, digest.id).setParameter(2, articleIds.toArray(Long[]::new)).executeUpdate();
        return digest;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public DigestView get(long id) {
        return view(find(id));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public String preview(long id) {
        find(id);
        return renderer.previewHtml(renderer.loadForEditor(id));
    }

    /** Queues one copy to the given address (after commit, like all mail); a reader's own links when it is one. */
    public void sendTest(long id, String email) {
        String address = InputRules.normalizeEmail(email);
        Optional<String> problem = InputRules.emailProblem(address);
        if (problem.isPresent()) {
            throw new InvalidInputException("email", problem.get());
        }
        find(id);
        DigestContent content = renderer.loadForEditor(id);
        Recipient recipient = recipientByEmail(address).orElse(
                new Recipient(0, new java.util.UUID(0, 0), address, null));
        MailMessage message = renderer.message(content, recipient);
        mailQueue.enqueue(OutboundMail.Kind.test, recipient.subscriberId() == 0 ? null : recipient.subscriberId(), address,
                new MailQueue.RenderedMail("[Test] " + message.subject(), message.html(), message.text(), message.headers()));
    }

    private Optional<Recipient> recipientByEmail(String email) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select id, public_id, email, name from subscribers where lower(email) = lower(?1)")
                .setParameter(1, email).getResultList();
        return rows.stream().findFirst().map(r -> new Recipient(((Number) r[0]).longValue(), (java.util.UUID) r[1],
                (String) r[2], (String) r[3]));
    }

    /**
     * Starts sending: the digest moves to {@code sending} and, in the same transaction and one statement,
     * the ledger gets a row for every confirmed subscription of an active, unsuppressed reader of the list.
     */
    public DigestView send(long id) {
        Digest digest = find(id);
        digest.start(clock.instant());
        int recipients = em.createNativeQuery("""
                        insert into deliveries (digest_id, subscriber_id)
                        select ?1, s.id
                          from subscriptions sub join subscribers s on s.id = sub.subscriber_id
                         where sub.list_id = ?2 and sub.status = 'confirmed' and s.status = 'active'
                           and not exists (select 1 from suppressions x where x.email_hash = s.email_hash)
                        """)
                .setParameter(1, digest.id).setParameter(2, digest.list.id).executeUpdate();
        LOG.infof("Digest %d: sending to %d recipient(s)", digest.id, recipients);
        if (recipients >= 10_000) {
            // fresh statistics, or the workers' claim query is planned for the table as it was before
            em.createNativeQuery("analyze deliveries").executeUpdate();
        }
        if (recipients == 0) {
            digest.status = DigestStatus.sent;
            digest.finishedAt = clock.instant();
        } else {
            changed.fire(new StateChanged(digest.id));
        }
        return view(digest);
    }

    private void countLedgers(Long[] ids, java.util.Map<Long, long[]> counts) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        select digest_id, status, count(*) from deliveries where digest_id = any(?1) group by digest_id, status
                        """)
                .setParameter(1, ids).getResultList();
        for (Long id : ids) {
            counts.put(id, new long[5]);
        }
        for (Object[] row : rows) {
            long[] c = counts.get(((Number) row[0]).longValue());
            long n = ((Number) row[2]).longValue();
            c[0] += n;
            switch ((String) row[1]) {
                case "sent" -> c[1] += n;
                case "failed" -> c[2] += n;
                case "pending", "sending" -> c[3] += n;
                default -> c[4] += n;
            }
        }
    }

    /**
     * Skips a digest whose row another transaction holds: it is tallied on a later view. Stores nothing for
     * a digest sending again by now (its failed recipients retried since these counts were taken).
     */
    private void storeTally(long digestId, long[] c, java.time.Instant settled) {
        em.createNativeQuery("""
                        update digests set tally_total = ?2, tally_sent = ?3, tally_failed = ?4, tally_open = ?5, tally_skipped = ?6
                         where id in (select id from digests
                                       where id = ?1 and tally_total is null and status in ('sent', 'cancelled')
                                         and finished_at < ?7
                                         for update skip locked)
                        """)
                .setParameter(1, digestId).setParameter(2, c[0]).setParameter(3, c[1]).setParameter(4, c[2])
                .setParameter(5, c[3]).setParameter(6, c[4]).setParameter(7, settled).executeUpdate();
    }

    public DigestView pause(long id) {
        Digest digest = find(id);
        digest.pause();
        changed.fire(new StateChanged(digest.id));
        return view(digest);
    }

    public DigestView resume(long id) {
        Digest digest = find(id);
        digest.resume();
        changed.fire(new StateChanged(digest.id));
        return view(digest);
    }

    /**
     * Sends a finished digest again to the recipients it failed to reach, a relay outage say: their rows go
     * back to pending with fresh attempts, and the digest back to sending. Addresses suppressed since (a
     * permanent bounce, an erasure) stay failed and are never retried; readers who left the list meanwhile
     * are skipped when their turn comes, as in any send.
     */
    public DigestView retryFailed(long id) {
        Digest digest = find(id);
        digest.retryFailed();
        em.flush();
        int requeued = em.createNativeQuery(RETRY_FAILED).setParameter(1, digest.id).executeUpdate();
        if (requeued == 0) {
            throw new ConflictException("This digest has no failed recipient that can be retried"
                    + " (addresses that bounced permanently are suppressed and never retried)");
        }
        // its counts change again: the tally is written anew once it has finished
        em.createNativeQuery("""
                        update digests set tally_total = null, tally_sent = null, tally_failed = null,
                               tally_open = null, tally_skipped = null
                         where id = ?1
                        """).setParameter(1, digest.id).executeUpdate();
        LOG.infof("Digest %d: retrying %d failed recipient(s)", digest.id, requeued);
        changed.fire(new StateChanged(digest.id));
        return view(digest);
    }

    /** How many of the digest's failed recipients {@link #retryFailed} would send to again. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public long retryableFailures(long id) {
        return ((Number) em.createNativeQuery("select count(*) from (" + RETRYABLE + ") r")
                .setParameter(1, id).getSingleResult()).longValue();
    }

    /** Failed rows of digest ?1 whose reader still exists and whose address is not suppressed. */
    private static final String RETRYABLE = """
            select d.subscriber_id from deliveries d join subscribers s on s.id = d.subscriber_id
             where d.digest_id = ?1 and d.status = 'failed'
               and not exists (select 1 from suppressions x where x.email_hash = s.email_hash)
            """;

    /** Back to pending, due now, with the full number of attempts; the last reply stays until the next. */
    private static final String RETRY_FAILED = """
            update deliveries set status = 'pending', attempts = 0, next_attempt_at = now(), lease_until = null
             where digest_id = ?1 and status = 'failed' and subscriber_id in (
            """ + RETRYABLE + ")";

    /** Cancels; recipients not yet sent to are marked cancelled and never get it. */
    public DigestView cancel(long id) {
        Digest digest = find(id);
        digest.cancel(clock.instant());
        em.flush();
        em.createNativeQuery("update deliveries set status = 'cancelled', lease_until = null where digest_id = ?1 and status = 'pending'")
                .setParameter(1, id).executeUpdate();
        changed.fire(new StateChanged(digest.id));
        return view(digest);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public DigestView view(Digest digest) {
        return views(List.of(digest)).get(0);
    }

    /**
     * Views of several digests with a few queries in all: the tallies of finished digests, ledger counts of
     * the others, article ids. A digest finished longer ago than a lease can have no ledger row changed any
     * more (workers claim only for digests being sent, and give up a claim within its lease), so its counts
     * are then written to the digest once and read from there.
     */
    private List<DigestView> views(List<Digest> digests) {
        if (digests.isEmpty()) {
            return List.of();
        }
        Long[] ids = digests.stream().map(d -> d.id).toArray(Long[]::new);
        java.util.Map<Long, long[]> counts = new java.util.HashMap<>(); // total, sent, failed, open, skipped
        @SuppressWarnings("unchecked")
        List<Object[]> tallies = em.createNativeQuery("""
                        select id, tally_total, tally_sent, tally_failed, tally_open, tally_skipped
                          from digests where id = any(?1) and tally_total is not null
                        """)
                .setParameter(1, ids).getResultList();
        for (Object[] row : tallies) {
            counts.put(((Number) row[0]).longValue(), new long[] {((Number) row[1]).longValue(),
                    ((Number) row[2]).longValue(), ((Number) row[3]).longValue(), ((Number) row[4]).longValue(),
                    ((Number) row[5]).longValue()});
        }
        List<Digest> uncounted = digests.stream().filter(d -> !counts.containsKey(d.id)).toList();
        if (!uncounted.isEmpty()) {
            countLedgers(uncounted.stream().map(d -> d.id).toArray(Long[]::new), counts);
            java.time.Instant settled = clock.instant().minus(lease);
            List<Digest> toTally = uncounted.stream()
                    .filter(d -> d.status.finished() && d.finishedAt != null && d.finishedAt.isBefore(settled)).toList();
            if (!toTally.isEmpty()) {
                QuarkusTransaction.requiringNew().run(() -> toTally.forEach(d -> storeTally(d.id, counts.get(d.id), settled)));
            }
        }
        java.util.Map<Long, List<Long>> articles = new java.util.HashMap<>();
        @SuppressWarnings("unchecked")
        List<Object[]> articleRows = em.createNativeQuery("""
                        select digest_id, article_id from digest_articles where digest_id = any(?1) order by digest_id, position
                        """)
                .setParameter(1, ids).getResultList();
        for (Object[] row : articleRows) {
            articles.computeIfAbsent(((Number) row[0]).longValue(), k -> new ArrayList<>()).add(((Number) row[1]).longValue());
        }
        java.util.Map<Long, Long> bouncedLater = new java.util.HashMap<>();
        @SuppressWarnings("unchecked")
        List<Object[]> bounceRows = em.createNativeQuery("""
                        select digest_id, count(*) from bounces where late and digest_id = any(?1) group by digest_id
                        """)
                .setParameter(1, ids).getResultList();
        for (Object[] row : bounceRows) {
            bouncedLater.put(((Number) row[0]).longValue(), ((Number) row[1]).longValue());
        }
        return digests.stream().map(d -> {
            long[] c = counts.computeIfAbsent(d.id, k -> new long[5]);
            return new DigestView(d.id, d.list.slug, d.subject, d.status, c[0], c[1], c[2], c[3], c[4], d.createdAt,
                    d.startedAt, d.finishedAt, List.copyOf(articles.getOrDefault(d.id, List.of())),
                    bouncedLater.getOrDefault(d.id, 0L));
        }).toList();
    }

    /** A page (100 rows) of the digest's ledger, optionally of one status, e.g. the failures with their replies. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<DeliveryView> deliveries(long id, String status, int page) {
        find(id);
        if (status != null && !List.of("pending", "sending", "sent", "failed", "skipped", "cancelled").contains(status)) {
            throw new InvalidInputException("status", "status must be one of pending, sending, sent, failed, skipped, cancelled");
        }
        InputRules.checkPage(page, 100);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        select s.public_id, s.email, d.status, d.attempts, d.last_error, d.sent_at
                          from deliveries d join subscribers s on s.id = d.subscriber_id
                         where d.digest_id = ?1 and (cast(?2 as varchar) is null or d.status = cast(?2 as varchar))
                         order by d.subscriber_id limit 100 offset ?3
                        """)
                .setParameter(1, id).setParameter(2, status).setParameter(3, page * 100).getResultList();
        return rows.stream().map(r -> new DeliveryView(r[0].toString(), (String) r[1], (String) r[2],
                ((Number) r[3]).intValue(), (String) r[4], SqlValues.instant(r[5]))).toList();
    }

    /** Digests newest first, optionally of one list. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<DigestView> recent(String listSlug, int limit) {
        List<Digest> digests = listSlug == null || listSlug.isBlank()
                ? Digest.<Digest>find("order by createdAt desc, id desc").page(0, limit).list()
                : Digest.<Digest>find("list.slug = ?1 order by createdAt desc, id desc", listSlug).page(0, limit).list();
        return views(digests);
    }

    private static Digest find(long id) {
        return Digest.<Digest>findByIdOptional(id).orElseThrow(() -> new NotFoundException("No digest " + id));
    }
}
