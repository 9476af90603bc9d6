package org.newsletter.digests;

/** Where a digest stands; the moves between them live in {@link Digest}. */
public enum DigestStatus {
    draft, sending, paused, sent, cancelled;

    public boolean finished() {
        return this == sent || this == cancelled;
    }
}
