package org.newsletter.subscription.admin;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** How the admin API shows readers. */
public final class SubscriberViews {

    private SubscriberViews() {
    }

    public record Summary(UUID id, String email, String name, String status, Instant createdAt) {
    }

    public record Page(int page, int size, long total, List<Summary> items) {
    }

    public record SubscriptionView(String list, String listName, String status, Instant createdAt,
                                   Instant confirmedAt, Instant unsubscribedAt) {
    }

    public record ConsentView(Instant at, String action, String source, List<String> lists, String ipAddress,
                              String userAgent, String consentTextVersion, String consentText) {
    }

    /** Why no mail goes to the address, whatever its subscriptions say: {@code bounce}, {@code complaint}, {@code admin}. */
    public record SuppressionView(String reason, String detail, Instant since) {
    }

    /** {@code suppression} is null unless the address is suppressed. */
    public record Detail(UUID id, String email, String name, String status, Instant createdAt,
                         List<SubscriptionView> subscriptions, List<ConsentView> consent, SuppressionView suppression) {
    }
}
