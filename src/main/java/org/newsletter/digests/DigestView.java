package org.newsletter.digests;

import java.time.Instant;
import java.util.List;

/**
 * A digest and how far its sending got: every recipient is counted once as sent, failed, pending or skipped.
 * {@code bouncedLater} counts recipients the provider reported bounced after accepting the message (they
 * stay counted as sent: the message left).
 */
public record DigestView(long id, String list, String subject, DigestStatus status, long total, long sent, long failed,
                         long pending, long skipped, Instant createdAt, Instant startedAt, Instant finishedAt,
                         List<Long> articleIds, long bouncedLater) {
}
