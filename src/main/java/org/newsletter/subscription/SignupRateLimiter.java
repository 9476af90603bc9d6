package org.newsletter.subscription;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.inject.Singleton;
import org.newsletter.common.NewsletterConfig;
import org.newsletter.common.RateLimitedException;

import java.time.Duration;

/**
 * Per-IP token buckets for signups (Bucket4j), kept in a bounded cache so a flood of addresses cannot
 * grow memory without limit. Limits are per instance.
 */
@Singleton
public class SignupRateLimiter {

    private final long perMinute;
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterAccess(Duration.ofMinutes(10))
            .build();

    SignupRateLimiter(NewsletterConfig config) {
        this.perMinute = config.signup().perIpPerMinute();
    }

    /** Takes one signup from this address's allowance, or throws {@link RateLimitedException}. */
    public void acquire(String ipAddress) {
        if (perMinute <= 0) {
            return;
        }
        Bucket bucket = buckets.get(ipAddress == null ? "unknown" : ipAddress, ip -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)).build())
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            long seconds = Math.max(1, Duration.ofNanos(probe.getNanosToWaitForRefill()).toSeconds() + 1);
            throw new RateLimitedException(seconds);
        }
    }
}
