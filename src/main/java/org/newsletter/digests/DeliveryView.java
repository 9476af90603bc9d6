package org.newsletter.digests;

import java.time.Instant;

/** One recipient's row of a digest's ledger. */
public record DeliveryView(String subscriber, String email, String status, int attempts, String lastError, Instant sentAt) {
}
