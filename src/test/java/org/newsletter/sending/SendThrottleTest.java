package org.newsletter.sending;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The configured rate is a real token bucket, and the relay's throttling pauses everyone, growing and easing. */
class SendThrottleTest {

    @Test
    void rateLetsABurstOfOneSecondThroughThenHoldsToTheRate() throws InterruptedException {
        SendThrottle throttle = new SendThrottle(10);
        long start = System.nanoTime();
        for (int i = 0; i < 10; i++) {
            throttle.acquire();
        }
        long burst = System.nanoTime() - start;
        for (int i = 0; i < 10; i++) {
            throttle.acquire();
        }
        long twenty = System.nanoTime() - start;

        assertThat(Duration.ofNanos(burst)).isLessThan(Duration.ofMillis(500));
        assertThat(Duration.ofNanos(twenty)).as("ten more at 10/s need about a second").isGreaterThan(Duration.ofMillis(800));
    }

    @Test
    void noRateMeansNoWaiting() throws InterruptedException {
        SendThrottle throttle = new SendThrottle(0);
        long start = System.nanoTime();
        for (int i = 0; i < 100_000; i++) {
            throttle.acquire();
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void throttlingPausesLongerEachTimeAndSuccessesEaseItOff() {
        SendThrottle throttle = new SendThrottle(0);
        assertThat(throttle.pause()).isZero();

        assertThat(throttle.throttled()).isEqualTo(Duration.ofSeconds(1));
        assertThat(throttle.pause()).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(throttle.throttled()).isEqualTo(Duration.ofSeconds(2));
        assertThat(throttle.throttled()).isEqualTo(Duration.ofSeconds(4));

        throttle.succeeded();
        throttle.succeeded();
        assertThat(throttle.throttled()).as("eased from 4 s to 1 s, doubled again").isEqualTo(Duration.ofSeconds(2));
    }
}
