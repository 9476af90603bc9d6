package org.newsletter.sending;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import org.jboss.logging.Logger;
import org.newsletter.common.NewsletterConfig;
import org.newsletter.digests.DigestContent;
import org.newsletter.digests.DigestRenderer;
import org.newsletter.digests.Recipient;
import org.newsletter.mail.MailDeliveryException;
import org.newsletter.mail.MailMessage;
import org.newsletter.mail.MailTransport;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One instance's share of the sending: {@code concurrency} workers that claim batches of ledger rows
 * (committed before anything is sent), render each reader's message, send over the transport's
 * kept-open connections and record the outcomes. Any number of engines, in this JVM or others, can work
 * on one digest: SKIP LOCKED keeps their batches apart and expired leases hand a dead worker's rows on.
 *
 * <p>A worker sends a claimed row only while its lease has a safe margin left, so a live worker never
 * sends a row another may already have taken over. A crash loses no row: unsent rows are still
 * {@code sending} and come back when the lease expires; at worst the batch in flight is sent again.
 */
public class DeliveryEngine {

    private static final Logger LOG = Logger.getLogger(DeliveryEngine.class);
    private static final int MAX_REPLY = 1000;
    /** Successes are recorded at least this often within a batch: a crash re-sends at most this many per worker. */
    static final int RECORD_EVERY = 50;

    private final DataSource dataSource;
    private final MailTransport transport;
    private final DigestRenderer renderer;
    private final NewsletterConfig.Send config;
    private final String instance;
    private final SendThrottle throttle;
    private final int batchSize;
    private final long leaseMillis;
    private final long safeSendNanos;

    private final Object signal = new Object();
    private final List<Thread> workers = new CopyOnWriteArrayList<>();
    private final Map<Long, DigestContent> contents = new ConcurrentHashMap<>();
    private final AtomicInteger roundRobin = new AtomicInteger();
    private final AtomicLong sentCount = new AtomicLong();
    private volatile List<Long> active = List.of();
    private volatile boolean running;
    private volatile long wakeups;
    private volatile long refreshedAt;

    private final SendingMetrics metrics;

    /** An engine whose outcomes are counted nowhere (a test's second instance). */
    public DeliveryEngine(DataSource dataSource, MailTransport transport, DigestRenderer renderer,
                          NewsletterConfig.Send config, String instance) {
        this(dataSource, transport, renderer, config, instance, new SendingMetrics(new SimpleMeterRegistry()));
    }

    public DeliveryEngine(DataSource dataSource, MailTransport transport, DigestRenderer renderer,
                          NewsletterConfig.Send config, String instance, SendingMetrics metrics) {
        this.metrics = metrics;
        this.dataSource = dataSource;
        this.transport = transport;
        this.renderer = renderer;
        this.config = config;
        this.instance = instance;
        this.throttle = new SendThrottle(config.rate());
        this.leaseMillis = config.lease().toMillis();
        int batch = Math.max(1, config.batchSize());
        if (config.rate() > 0) {
            // a batch must go out well within its lease at the configured rate
            batch = (int) Math.max(1, Math.min(batch, config.rate() * config.lease().toSeconds() / 4));
        }
        this.batchSize = batch;
        // rows are sent only while at least a quarter of the lease is left
        this.safeSendNanos = TimeUnit.MILLISECONDS.toNanos(leaseMillis * 3 / 4);
    }

    public String instance() {
        return instance;
    }

    /** Messages this engine has handed to its transport successfully. */
    public long sent() {
        return sentCount.get();
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        refresh();
        for (int i = 0; i < Math.max(1, config.concurrency()); i++) {
            Thread t = new Thread(this::work, "digest-sender-" + i);
            t.setDaemon(true);
            workers.add(t);
            t.start();
        }
        LOG.infof("Sending engine %s started with %d worker(s), batches of %d", instance, workers.size(), batchSize);
    }

    /** Stops after the messages in flight; claimed rows not sent go back to pending at once. */
    public synchronized void stop() {
        running = false;
        wake();
        for (Thread t : workers) {
            try {
                t.join(15_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        workers.clear();
    }

    /** Re-reads which digests are sending and wakes idle workers. */
    public void wake() {
        if (running) {
            refresh();
        }
        synchronized (signal) {
            wakeups++;
            signal.notifyAll();
        }
    }

    private void refresh() {
        refreshedAt = System.nanoTime();
        try {
            List<Long> ids = new ArrayList<>();
            withConnection(c -> {
                try (PreparedStatement ps = c.prepareStatement(DeliverySql.ACTIVE_DIGESTS); ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                    }
                }
                return null;
            });
            active = List.copyOf(ids);
            contents.keySet().retainAll(Set.copyOf(ids));
        } catch (RuntimeException e) {
            LOG.warn("Could not read the digests to send; trying again at the next poll", e);
        }
    }

    private void work() {
        while (running) {
            try {
                if (!workOnce()) {
                    idle();
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("A sending worker hit an error; it carries on after a pause", e);
                sleepQuietly(config.pollInterval().toMillis());
            }
        }
    }

    /** Claims and sends one batch of some active digest; false when nothing was due anywhere. */
    private boolean workOnce() throws InterruptedException {
        if (System.nanoTime() - refreshedAt > config.pollInterval().toNanos()) {
            refresh(); // other instances start, pause and cancel digests too
        }
        List<Long> digests = active;
        if (digests.isEmpty()) {
            return false;
        }
        int start = Math.floorMod(roundRobin.getAndIncrement(), digests.size());
        for (int i = 0; i < digests.size() && running; i++) {
            long digestId = digests.get((start + i) % digests.size());
            waitOutThrottle();
            List<Claimed> batch = claim(digestId);
            if (!batch.isEmpty()) {
                send(digestId, batch);
                return true;
            }
            if (finishIfDone(digestId)) {
                refresh();
            }
        }
        return false;
    }

    private void idle() throws InterruptedException {
        synchronized (signal) {
            long seen = wakeups;
            long deadline = System.currentTimeMillis() + config.pollInterval().toMillis();
            while (running && seen == wakeups) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    break;
                }
                signal.wait(left);
            }
        }
    }

    private void waitOutThrottle() throws InterruptedException {
        Duration pause = throttle.pause();
        if (!pause.isZero()) {
            Thread.sleep(pause.toMillis() + 1);
        }
    }

    record Claimed(long subscriberId, int attempts, UUID publicId, String email, String name) {
    }

    private List<Claimed> claim(long digestId) {
        return withConnection(c -> {
            List<Claimed> claimed = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(DeliverySql.CLAIM)) {
                ps.setLong(1, digestId);
                ps.setLong(2, digestId);
                ps.setInt(3, batchSize);
                ps.setLong(4, digestId);
                ps.setLong(5, leaseMillis);
                ps.setString(6, instance);
                ps.setLong(7, digestId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        claimed.add(new Claimed(rs.getLong(1), rs.getInt(2), (UUID) rs.getObject(3), rs.getString(4), rs.getString(5)));
                    }
                }
            }
            return claimed;
        });
    }

    private void send(long digestId, List<Claimed> batch) throws InterruptedException {
        long claimedAt = System.nanoTime();
        DigestContent content = contents.computeIfAbsent(digestId,
                id -> QuarkusTransaction.requiringNew().call(() -> renderer.load(id)));
        List<Long> sent = new ArrayList<>(batch.size());
        int chunkSize = Math.max(1, transport.batchSize());
        int next = 0;
        try {
            while (next < batch.size()) {
                if (!running || System.nanoTime() - claimedAt > safeSendNanos || !active.contains(digestId)) {
                    break; // shutting down, lease running short, or paused/cancelled: leave the rest
                }
                List<Claimed> chunk = batch.subList(next, Math.min(batch.size(), next + chunkSize));
                List<MailMessage> messages = new ArrayList<>(chunk.size());
                for (Claimed row : chunk) {
                    throttle.acquire();
                    messages.add(renderer.message(content, new Recipient(row.subscriberId(), row.publicId(), row.email(), row.name())));
                }
                List<MailDeliveryException> outcomes = transport.sendAll(messages);
                next += chunk.size();
                Duration chunkPause = null; // one throttling reply per call, however many messages it carried
                for (int i = 0; i < chunk.size(); i++) {
                    MailDeliveryException failure = outcomes.get(i);
                    if (failure == null) {
                        sent.add(chunk.get(i).subscriberId());
                        throttle.succeeded();
                    } else if (failure.throttled()) {
                        if (chunkPause == null) {
                            chunkPause = throttle.throttled();
                            LOG.infof("Digest %d: the relay is throttling (%d); all workers pause %d ms", digestId,
                                    failure.replyCode(), chunkPause.toMillis());
                        }
                        retry(digestId, chunk.get(i).subscriberId(), truncate(failure.getMessage()), chunkPause, true);
                        metrics.throttled();
                    } else {
                        failed(digestId, chunk.get(i), failure);
                    }
                }
                if (sent.size() >= RECORD_EVERY) {
                    recordSent(digestId, sent);
                    sent.clear();
                }
                if (throttle.pause().compareTo(Duration.ZERO) > 0) {
                    break; // the relay asked us to slow down: the rest waits for the next claim
                }
            }
        } finally {
            recordSent(digestId, sent);
            if (next < batch.size()) {
                release(digestId, batch.subList(next, batch.size()));
            }
        }
    }

    private void recordSent(long digestId, List<Long> sent) {
        markSent(digestId, sent);
        sentCount.addAndGet(sent.size());
        metrics.sent(sent.size());
    }

    private void failed(long digestId, Claimed row, MailDeliveryException failure) {
        String reply = truncate(failure.getMessage());
        if (failure.permanent()) {
            metrics.bounced();
            LOG.infof("Digest %d: subscriber %d refused permanently (%d); suppressed", digestId, row.subscriberId(), failure.replyCode());
            withConnection(c -> {
                execute(c, DeliverySql.MARK_FAILED, ps -> {
                    ps.setString(1, reply);
                    ps.setLong(2, digestId);
                    ps.setLong(3, row.subscriberId());
                });
                execute(c, DeliverySql.RECORD_BOUNCE, ps -> {
                    ps.setLong(1, row.subscriberId());
                    ps.setLong(2, digestId);
                    ps.setInt(3, failure.replyCode());
                    ps.setString(4, reply);
                    ps.setLong(5, row.subscriberId());
                });
                execute(c, DeliverySql.SUPPRESS, ps -> {
                    ps.setString(1, reply);
                    ps.setLong(2, row.subscriberId());
                });
                return null;
            });
        } else if (row.attempts() >= config.maxAttempts()) {
            metrics.failed();
            LOG.infof("Digest %d: subscriber %d failed after %d attempts", digestId, row.subscriberId(), row.attempts());
            withConnection(c -> execute(c, DeliverySql.MARK_FAILED, ps -> {
                ps.setString(1, reply);
                ps.setLong(2, digestId);
                ps.setLong(3, row.subscriberId());
            }));
        } else {
            metrics.retried();
            retry(digestId, row.subscriberId(), reply, backoff(row.attempts()), false);
        }
    }

    /** retry-delay, doubled per attempt, capped. */
    Duration backoff(int attempts) {
        long millis = config.retryDelay().toMillis() << Math.min(Math.max(attempts - 1, 0), 20);
        return Duration.ofMillis(Math.min(millis, config.retryCap().toMillis()));
    }

    private void retry(long digestId, long subscriberId, String reply, Duration delay, boolean giveAttemptBack) {
        withConnection(c -> execute(c, DeliverySql.MARK_RETRY, ps -> {
            ps.setString(1, reply);
            ps.setLong(2, delay.toMillis());
            ps.setInt(3, giveAttemptBack ? 1 : 0);
            ps.setLong(4, digestId);
            ps.setLong(5, subscriberId);
        }));
    }

    private void markSent(long digestId, List<Long> ids) {
        if (!ids.isEmpty()) {
            withConnection(c -> execute(c, DeliverySql.MARK_SENT, ps -> {
                ps.setLong(1, digestId);
                ps.setArray(2, c.createArrayOf("bigint", ids.toArray()));
            }));
        }
    }

    private void release(long digestId, List<Claimed> rows) {
        Object[] ids = rows.stream().map(Claimed::subscriberId).toArray();
        withConnection(c -> execute(c, DeliverySql.RELEASE, ps -> {
            ps.setLong(1, digestId);
            ps.setArray(2, c.createArrayOf("bigint", ids));
        }));
    }

    private boolean finishIfDone(long digestId) {
        int finished = withConnection(c -> execute(c, DeliverySql.FINISH, ps -> {
            ps.setLong(1, digestId);
            ps.setLong(2, digestId);
        }));
        if (finished > 0) {
            LOG.infof("Digest %d: sending finished", digestId);
        }
        return finished > 0;
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private static int execute(Connection c, String sql, Binder binder) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            return ps.executeUpdate();
        }
    }

    /** Runs in a transaction of its own, committed on return. */
    private <T> T withConnection(Work<T> work) {
        return QuarkusTransaction.requiringNew().call(() -> {
            try (Connection c = dataSource.getConnection()) {
                return work.run(c);
            }
        });
    }

    private static String truncate(String reply) {
        String r = reply == null ? "" : reply.strip();
        return r.length() <= MAX_REPLY ? r : r.substring(0, MAX_REPLY);
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
