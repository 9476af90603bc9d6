package org.newsletter.sending;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * What one instance's engine did with digest messages, for {@code /q/metrics}:
 * {@code newsletter_digest_messages_total{outcome=sent|bounced|failed|retried|throttled}}.
 * {@code bounced} is a permanent refusal (the address is suppressed), {@code failed} a temporary one that
 * ran out of attempts, {@code retried} one that will be tried again, {@code throttled} a message put back
 * because the relay asked to slow down.
 */
public final class SendingMetrics {

    private final Counter sent;
    private final Counter bounced;
    private final Counter failed;
    private final Counter retried;
    private final Counter throttled;

    public SendingMetrics(MeterRegistry registry) {
        this.sent = counter(registry, "sent");
        this.bounced = counter(registry, "bounced");
        this.failed = counter(registry, "failed");
        this.retried = counter(registry, "retried");
        this.throttled = counter(registry, "throttled");
    }

    private static Counter counter(MeterRegistry registry, String outcome) {
        return Counter.builder("newsletter.digest.messages").tag("outcome", outcome)
                .description("Digest messages handled by this instance's sending engine, by outcome").register(registry);
    }

    void sent(int n) {
        sent.increment(n);
    }

    void bounced() {
        bounced.increment();
    }

    void failed() {
        failed.increment();
    }

    void retried() {
        retried.increment();
    }

    void throttled() {
        throttled.increment();
    }
}
