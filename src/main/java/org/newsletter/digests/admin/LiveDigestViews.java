package org.newsletter.digests.admin;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import org.newsletter.digests.DigestService;
import org.newsletter.digests.DigestView;

import java.time.Duration;

/**
 * The view of a digest being sent, shared by everyone watching its progress: a view counts the digest's
 * ledger (about 75 ms for a million rows), so it is computed at most once per key and just under a second,
 * however many streams tick for it.
 */
@ApplicationScoped
class LiveDigestViews {

    private final DigestService digests;
    private final Cache<Long, DigestView> recent = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofMillis(900)).maximumSize(1_000).build();

    LiveDigestViews(DigestService digests) {
        this.digests = digests;
    }

    DigestView get(long id) {
        return recent.get(id, key -> QuarkusTransaction.requiringNew().call(() -> digests.get(key)));
    }
}
