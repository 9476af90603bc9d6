package org.newsletter.digests;

import org.junit.jupiter.api.Test;
import org.newsletter.subscription.IllegalTransitionException;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The moves a digest may make, without a container. */
class DigestTransitionsTest {

    private final Instant now = Instant.parse("2026-12-01T07:00:00Z");

    @Test
    void aSentDigestGoesBackToSendingWhenItsFailuresAreRetried() {
        Digest digest = new Digest();
        digest.start(now);
        digest.status = DigestStatus.sent;
        digest.finishedAt = now.plusSeconds(60);

        digest.retryFailed();

        assertThat(digest.status).isEqualTo(DigestStatus.sending);
        assertThat(digest.finishedAt).isNull();
        assertThat(digest.startedAt).isEqualTo(now);
    }

    @Test
    void onlyASentDigestCanHaveItsFailuresRetried() {
        Digest draft = new Digest();
        assertThatThrownBy(draft::retryFailed).isInstanceOf(IllegalTransitionException.class)
                .hasMessageContaining("draft");

        Digest sending = new Digest();
        sending.start(now);
        assertThatThrownBy(sending::retryFailed).isInstanceOf(IllegalTransitionException.class);

        Digest cancelled = new Digest();
        cancelled.cancel(now);
        assertThatThrownBy(cancelled::retryFailed).isInstanceOf(IllegalTransitionException.class)
                .hasMessageContaining("cancelled");
    }

    @Test
    void aCancelledOrSentDigestCannotBeResumedOrCancelledAgain() {
        Digest cancelled = new Digest();
        cancelled.cancel(now);
        assertThatThrownBy(cancelled::resume).isInstanceOf(IllegalTransitionException.class);
        assertThatThrownBy(() -> cancelled.cancel(now)).isInstanceOf(IllegalTransitionException.class);
    }
}
