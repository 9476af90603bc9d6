package org.newsletter.digests;

import java.util.UUID;

/** One reader a digest goes to. */
public record Recipient(long subscriberId, UUID publicId, String email, String name) {
}
