package org.newsletter.sending;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;

import java.time.Duration;

/**
 * How fast this instance may send: a token bucket for the configured rate, and a back-off that the
 * relay's throttling replies (421/454/429) switch on for every worker at once: 1 s, doubling to 60 s,
 * easing off again after successes.
 */
final class SendThrottle {

    private static final long FIRST_PAUSE_MS = 1_000;
    private static final long MAX_PAUSE_MS = 60_000;

    private final Bucket bucket;
    private volatile long pausedUntilNanos = System.nanoTime();
    private volatile long pauseMs = 0;

    SendThrottle(int messagesPerSecond) {
        this.bucket = messagesPerSecond <= 0 ? null : Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(messagesPerSecond)
                        .refillGreedy(messagesPerSecond, Duration.ofSeconds(1)).build())
                .build();
    }

    /** Takes one token, waiting for it when the rate is used up. */
    void acquire() throws InterruptedException {
        if (bucket != null) {
            bucket.asBlocking().consume(1);
        }
    }

    /** How long senders must still hold back because the relay asked us to slow down. */
    Duration pause() {
        long remaining = pausedUntilNanos - System.nanoTime();
        return remaining <= 0 ? Duration.ZERO : Duration.ofNanos(remaining);
    }

    /** The relay said slow down: every worker pauses, longer each time it happens again. */
    synchronized Duration throttled() {
        pauseMs = pauseMs == 0 ? FIRST_PAUSE_MS : Math.min(pauseMs * 2, MAX_PAUSE_MS);
        long until = System.nanoTime() + pauseMs * 1_000_000;
        if (until - pausedUntilNanos > 0) {
            pausedUntilNanos = until;
        }
        return Duration.ofMillis(pauseMs);
    }

    /** A message went through: the next throttling starts from a shorter pause. */
    void succeeded() {
        if (pauseMs != 0) {
            synchronized (this) {
                pauseMs = pauseMs / 2 < FIRST_PAUSE_MS ? 0 : pauseMs / 2;
            }
        }
    }
}
