package org.newsletter.subscription;

import org.junit.jupiter.api.Test;
import org.newsletter.lists.MailingList;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The subscription's own rules, without a container. */
class SubscriptionStateMachineTest {

    private final Instant now = Instant.parse("2026-11-25T10:00:00Z");

    private Subscription fresh() {
        return Subscription.startPending(new Subscriber(), new MailingList(), now);
    }

    @Test
    void pendingBecomesConfirmedThenUnsubscribed() {
        Subscription s = fresh();
        assertThat(s.status()).isEqualTo(Subscription.Status.pending);
        s.confirm(now);
        assertThat(s.status()).isEqualTo(Subscription.Status.confirmed);
        assertThat(s.confirmedAt()).isEqualTo(now);
        s.unsubscribe(now);
        assertThat(s.status()).isEqualTo(Subscription.Status.unsubscribed);
    }

    @Test
    void anUnsubscribedSubscriptionCannotBeConfirmedWithoutANewSignup() {
        Subscription s = fresh();
        s.confirm(now);
        s.unsubscribe(now);
        assertThatThrownBy(() -> s.confirm(now)).isInstanceOf(IllegalTransitionException.class);
        assertThat(s.requestSignup(now)).isTrue();
        assertThat(s.status()).isEqualTo(Subscription.Status.pending);
        s.confirm(now);
        assertThat(s.status()).isEqualTo(Subscription.Status.confirmed);
    }

    @Test
    void aNewSignupLeavesAConfirmedSubscriptionConfirmed() {
        Subscription s = fresh();
        s.confirm(now);
        assertThat(s.requestSignup(now)).isFalse();
        assertThat(s.status()).isEqualTo(Subscription.Status.confirmed);
    }

    @Test
    void importNeverOverridesAnUnsubscribe() {
        Subscription s = fresh();
        s.unsubscribe(now);
        assertThatThrownBy(() -> s.confirmByImport(now)).isInstanceOf(IllegalTransitionException.class);
    }

    @Test
    void decliningIsOnlyForPendingSignups() {
        Subscription s = fresh();
        s.declineConfirmation(now);
        assertThat(s.status()).isEqualTo(Subscription.Status.unsubscribed);
        assertThat(s.isConfirmationDeclined()).isTrue();
        Subscription confirmed = fresh();
        confirmed.confirm(now);
        assertThatThrownBy(() -> confirmed.declineConfirmation(now)).isInstanceOf(IllegalTransitionException.class);
    }
}
