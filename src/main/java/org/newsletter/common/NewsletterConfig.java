package org.newsletter.common;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Everything the operator sets, under {@code newsletter.*} (environment: {@code NEWSLETTER_*}). */
@ConfigMapping(prefix = "newsletter")
public interface NewsletterConfig {

    /** Absolute base URL of this service as readers reach it; every link in mail and pages starts with it. */
    @WithName("base-url")
    String baseUrl();

    /** Secret for signing link tokens (HMAC-SHA256). At least 32 characters. */
    @WithName("token-secret")
    String tokenSecret();

    /** How long a confirmation link stays valid. */
    @WithName("confirm-token-ttl")
    @WithDefault("P7D")
    Duration confirmTokenTtl();

    /** The consent sentence shown on the signup form; its hash is recorded with every signup. */
    @WithName("consent-text")
    @WithDefault("You can unsubscribe at any time by clicking the link in the footer of our emails.")
    String consentText();

    /** Name of the publication, used in mail and pages. */
    @WithName("site-name")
    @WithDefault("Newsletter")
    String siteName();

    /** Password of the first admin account, created at start-up when no account exists. */
    @WithName("admin-password")
    Optional<String> adminPassword();

    Mail mail();

    Smtp smtp();

    Outbox outbox();

    Signup signup();

    interface Mail {
        /** {@code smtp} or {@code outbox}. */
        @WithDefault("smtp")
        Transport transport();

        /** Sender, e.g. {@code "Daily News <news@example.com>"}. */
        @WithDefault("Newsletter <newsletter@localhost>")
        String from();

        /** Attempts for a transactional mail before it is given up. */
        @WithName("max-attempts")
        @WithDefault("8")
        int maxAttempts();

        /** How often the mail worker looks for due mail when nothing woke it. */
        @WithName("poll-interval")
        @WithDefault("2s")
        Duration pollInterval();
    }

    enum Transport { smtp, outbox }

    interface Smtp {
        @WithDefault("localhost")
        String host();

        @WithDefault("25")
        int port();

        Optional<String> username();

        Optional<String> password();

        /** {@code none}, {@code starttls} or {@code tls}. */
        @WithDefault("none")
        Tls tls();

        /** Connections kept open and reused. */
        @WithName("pool-size")
        @WithDefault("4")
        int poolSize();

        @WithDefault("30s")
        Duration timeout();
    }

    enum Tls { none, starttls, tls }

    interface Outbox {
        /** Directory the {@code outbox} transport writes one {@code .eml} file per message into. */
        @WithDefault("target/outbox")
        Path dir();
    }

    interface Signup {
        /** Signups one IP address may make per minute (burst of the same size). */
        @WithName("per-ip-per-minute")
        @WithDefault("20")
        long perIpPerMinute();

        /** Confirmation mails one address may receive per 24 hours, whatever the requests say. */
        @WithName("confirmations-per-day")
        @WithDefault("3")
        int confirmationsPerDay();
    }
}
