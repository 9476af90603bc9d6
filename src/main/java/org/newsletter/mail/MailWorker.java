package org.newsletter.mail;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jboss.logging.Logger;
import org.newsletter.common.NewsletterConfig;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends queued transactional mail. A batch is claimed (status {@code sending} with a lease) and the claim
 * committed before anything leaves; each outcome is recorded afterwards. A worker that dies mid-batch
 * leaves leases that expire, and the mail is claimed again. Temporary failures are retried with
 * exponential backoff; permanent ones (5xx) are recorded as failed.
 */
@ApplicationScoped
public class MailWorker {

    private static final Logger LOG = Logger.getLogger(MailWorker.class);
    private static final int BATCH = 20;
    private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {
    };

    private final AgroalDataSource dataSource;
    private final MailTransport transport;
    private final NewsletterConfig config;
    private final ObjectMapper json;
    private final ExecutorService executor;
    private final AtomicInteger running = new AtomicInteger();
    private final int parallelism;
    private volatile boolean stopping;

    MailWorker(AgroalDataSource dataSource, MailTransport transport, NewsletterConfig config, ObjectMapper json) {
        this.dataSource = dataSource;
        this.transport = transport;
        this.config = config;
        this.json = json;
        this.parallelism = Math.max(1, config.smtp().poolSize());
        this.executor = Executors.newFixedThreadPool(parallelism, r -> {
            Thread t = new Thread(r, "mail-worker");
            t.setDaemon(true);
            return t;
        });
    }

    void onQueued(@Observes(during = TransactionPhase.AFTER_SUCCESS) MailQueue.MailQueued queued) {
        wake();
    }

    @Scheduled(every = "${newsletter.mail.poll-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            delayed = "1s")
    void poll() {
        wake();
    }

    /** Starts a drain unless enough are already running. */
    public void wake() {
        if (stopping) {
            return;
        }
        int now = running.get();
        if (now < parallelism && running.compareAndSet(now, now + 1)) {
            try {
                executor.execute(this::drain);
            } catch (RuntimeException rejected) {
                running.decrementAndGet();
            }
        }
    }

    /** Lets the batch in flight finish and be recorded (so it is not sent again), then stops. */
    void shutdown(@Observes ShutdownEvent event) {
        stopping = true;
        executor.shutdown();
        try {
            if (!executor.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private void drain() {
        try {
            List<Claimed> batch;
            do {
                batch = QuarkusTransaction.requiringNew().call(this::claim);
                List<Long> sent = new ArrayList<>(batch.size());
                for (Claimed mail : batch) {
                    if (deliver(mail)) {
                        sent.add(mail.id());
                    }
                }
                markSent(sent);
            } while (batch.size() == BATCH && !stopping && !Thread.currentThread().isInterrupted());
        } catch (RuntimeException e) {
            LOG.warn("Mail worker stopped early; the next poll resumes", e);
        } finally {
            running.decrementAndGet();
        }
    }

    private record Claimed(long id, String recipient, String subject, String html, String text,
                           Map<String, String> headers, int attempts) {
    }

    private List<Claimed> claim() throws SQLException {
        List<Claimed> claimed = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(MailSql.CLAIM)) {
            ps.setInt(1, BATCH);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    claimed.add(new Claimed(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), parseHeaders(rs.getString(6)), rs.getInt(7)));
                }
            }
        }
        return claimed;
    }

    private Map<String, String> parseHeaders(String raw) {
        try {
            return json.readValue(raw, HEADERS);
        } catch (Exception e) {
            return Map.of();
        }
    }

    /** Sends one mail; failures are recorded here, successes by the caller for the whole batch at once. */
    private boolean deliver(Claimed mail) {
        try {
            transport.send(new MailMessage(config.mail().from(), mail.recipient(), mail.subject(), mail.html(),
                    mail.text(), mail.headers()));
            LOG.debugf("Mail %d sent", mail.id());
            return true;
        } catch (MailDeliveryException e) {
            String reply = e.getMessage() == null ? "" : e.getMessage();
            if (e.permanent() || mail.attempts() >= config.mail().maxAttempts()) {
                markFailed(mail.id(), reply);
                LOG.warnf("Mail %d failed for good after %d attempt(s): %s", mail.id(), mail.attempts(), reply);
            } else {
                Duration backoff = backoff(mail.attempts());
                markRetry(mail.id(), reply, backoff);
                LOG.infof("Mail %d failed temporarily (attempt %d), retrying in %s", mail.id(), mail.attempts(), backoff);
            }
        } catch (RuntimeException e) {
            markRetry(mail.id(), String.valueOf(e.getMessage()), backoff(mail.attempts()));
            LOG.warnf(e, "Mail %d could not be sent", mail.id());
        }
        return false;
    }

    /** 5 s, 10 s, 20 s ... capped at one hour. */
    static Duration backoff(int attempts) {
        long seconds = 5L << Math.min(Math.max(attempts - 1, 0), 10);
        return Duration.ofSeconds(Math.min(seconds, 3600));
    }

    /**
     * One statement for a batch's successes. Until it commits, those rows keep their lease: a crash here
     * re-sends at most the one batch that was in flight.
     */
    private void markSent(List<Long> ids) {
        if (!ids.isEmpty()) {
            update(MailSql.MARK_SENT, ps -> ps.setArray(1, ps.getConnection().createArrayOf("bigint", ids.toArray())));
        }
    }

    private void markFailed(long id, String reply) {
        update(MailSql.MARK_FAILED, ps -> {
            ps.setString(1, truncate(reply));
            ps.setLong(2, id);
        });
    }

    private void markRetry(long id, String reply, Duration backoff) {
        update(MailSql.MARK_RETRY, ps -> {
            ps.setString(1, truncate(reply));
            ps.setLong(2, backoff.toMillis());
            ps.setLong(3, id);
        });
    }

    private static String truncate(String reply) {
        return reply == null || reply.length() <= 1000 ? reply : reply.substring(0, 1000);
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    /** Records one outcome in its own transaction, committed before the next mail is sent. */
    private void update(String sql, Binder binder) {
        QuarkusTransaction.requiringNew().run(() -> {
            try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
                binder.bind(ps);
                ps.executeUpdate();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
