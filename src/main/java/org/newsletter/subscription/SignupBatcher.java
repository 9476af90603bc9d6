package org.newsletter.subscription;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import org.newsletter.common.NewsletterConfig;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Group commit for signups. Requests hand their validated signup over and wait; a few writer threads
 * take whatever has gathered (up to {@code newsletter.signup.batch-size}) and record it in one transaction, then answer
 * every waiting request. Under light load a batch holds one signup and nothing waits longer than before;
 * under a flood one commit serves many readers, which is what lets a signup burst from a popular article
 * through on two cores. A request is answered only after its transaction committed, exactly as if it
 * had written alone.
 *
 * <p>A batch that fails as a whole (a deadlock with another path, an address PostgreSQL and Java
 * case-fold differently) is retried one signup per transaction, so one bad signup never fails others.
 */
@ApplicationScoped
public class SignupBatcher {

    private static final Logger LOG = Logger.getLogger(SignupBatcher.class);

    private record Pending(AcceptedSignup signup, CompletableFuture<Void> done) {
    }

    private final SignupRecorder recorder;
    private final int writerCount;
    private final int maxBatch;
    private final Counter recorded;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final List<Thread> writers = new ArrayList<>();
    private volatile boolean stopping;

    @Inject
    SignupBatcher(SignupRecorder recorder, NewsletterConfig config, MeterRegistry registry) {
        this(recorder, config.signup().writers(), config.signup().batchSize(), registry);
    }

    /** For tests of the grouping, with a recorder of their own. */
    SignupBatcher(SignupRecorder recorder, int writers, int maxBatch) {
        this(recorder, writers, maxBatch, new SimpleMeterRegistry());
    }

    private SignupBatcher(SignupRecorder recorder, int writers, int maxBatch, MeterRegistry registry) {
        this.recorder = recorder;
        this.recorded = Counter.builder("newsletter.signups")
                .description("Signups recorded (committed) by this instance, whatever became of them").register(registry);
        this.writerCount = Math.max(1, writers);
        this.maxBatch = Math.max(1, maxBatch);
    }

    @PostConstruct
    void start() {
        for (int i = 0; i < writerCount; i++) {
            Thread t = new Thread(this::write, "signup-writer-" + i);
            t.setDaemon(true);
            writers.add(t);
            t.start();
        }
    }

    /**
     * Hands the signup over; the stage completes once it is committed, or with what recording it threw.
     * Never blocks, so it may be called on an I/O thread.
     */
    CompletableFuture<Void> submit(AcceptedSignup signup) {
        Pending pending = new Pending(signup, new CompletableFuture<>());
        queue.add(pending);
        if (stopping && queue.remove(pending)) {
            // handed over as the writers finish at shutdown: recorded on its own
            return CompletableFuture.runAsync(() -> recorder.record(List.of(signup)));
        }
        return pending.done();
    }

    private void write() {
        ArrayDeque<Pending> deferred = new ArrayDeque<>();
        while (true) {
            List<Pending> batch = new ArrayList<>();
            Set<String> keys = new HashSet<>();
            try {
                Pending first = deferred.isEmpty() ? queue.poll(200, TimeUnit.MILLISECONDS) : deferred.poll();
                if (first == null) {
                    if (stopping && queue.isEmpty()) {
                        return;
                    }
                    continue;
                }
                add(first, batch, keys, deferred);
                while (batch.size() < maxBatch && !deferred.isEmpty() && addFromDeferred(batch, keys, deferred)) {
                    // deferred signups first, in arrival order
                }
                List<Pending> more = new ArrayList<>();
                queue.drainTo(more, maxBatch - batch.size());
                more.forEach(p -> add(p, batch, keys, deferred));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            commit(batch);
        }
    }

    /** Two signups for one address never share a batch: the later one waits for the next. */
    private static void add(Pending p, List<Pending> batch, Set<String> keys, ArrayDeque<Pending> deferred) {
        if (keys.add(p.signup().key())) {
            batch.add(p);
        } else {
            deferred.add(p);
        }
    }

    private static boolean addFromDeferred(List<Pending> batch, Set<String> keys, ArrayDeque<Pending> deferred) {
        Pending next = deferred.peek();
        if (next == null || keys.contains(next.signup().key())) {
            return false;
        }
        deferred.poll();
        keys.add(next.signup().key());
        batch.add(next);
        return true;
    }

    private void commit(List<Pending> batch) {
        try {
            recorder.record(batch.stream().map(Pending::signup).toList());
            recorded.increment(batch.size());
            batch.forEach(p -> p.done().complete(null));
        } catch (RuntimeException batchFailure) {
            if (batch.size() == 1) {
                batch.get(0).done().completeExceptionally(batchFailure);
                return;
            }
            // the kind of failure only: a database message may quote a reader's address
            LOG.warnf("A batch of %d signups failed (%s); recording them one by one", batch.size(), kind(batchFailure));
            for (Pending p : batch) {
                try {
                    recorder.record(List.of(p.signup()));
                    recorded.increment();
                    p.done().complete(null);
                } catch (RuntimeException e) {
                    p.done().completeExceptionally(e);
                }
            }
        }
    }

    private static String kind(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String state = root instanceof java.sql.SQLException sql ? " SQLState " + sql.getSQLState() : "";
        return failure.getClass().getSimpleName() + ", caused by " + root.getClass().getSimpleName() + state;
    }

    /** Signups already handed over are still recorded; later ones are recorded one by one. */
    void stop(@Observes ShutdownEvent shutdown) throws InterruptedException {
        stopping = true;
        for (Thread t : writers) {
            t.join(10_000);
        }
    }
}
