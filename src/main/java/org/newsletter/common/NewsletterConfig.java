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

    Send send();

    Dkim dkim();

    Mailjet mailjet();

    Feeds feeds();

    Digest digest();

    interface Mail {
        /** {@code smtp}, {@code mailjet} or {@code outbox}. */
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

    enum Transport { smtp, mailjet, outbox }

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

        /**
         * Threads that write signups, each committing whatever has gathered as one transaction. Two keep
         * signups flowing while one waits on a locked row; more only make the batches smaller.
         */
        @WithDefault("2")
        int writers();

        /** The most signups one of those transactions takes. */
        @WithName("batch-size")
        @WithDefault("50")
        int batchSize();

        /**
         * How long a reader who never confirmed anything is kept: after it, the address, name and the IP
         * and user agent of their signups are deleted (the signups stay as counts). Zero keeps them.
         */
        @WithName("pending-retention")
        @WithDefault("P30D")
        Duration pendingRetention();
    }

    /** The digest sending engine. */
    interface Send {
        /** Worker threads, and so SMTP connections, per instance. */
        @WithDefault("4")
        int concurrency();

        /** Messages per second this instance may send; 0 = unlimited. A token bucket, bursts of one second. */
        @WithDefault("0")
        int rate();

        /** Recipients one worker claims at a time (successes are recorded every 50 within it). */
        @WithName("batch-size")
        @WithDefault("200")
        int batchSize();

        /** How long a claim is held; rows of a worker that died are taken over after this. */
        @WithDefault("60s")
        Duration lease();

        /** Attempts per recipient before a temporary failure counts as failed. */
        @WithName("max-attempts")
        @WithDefault("6")
        int maxAttempts();

        /** First retry delay after a temporary failure; doubled each time, capped by {@code retry-cap}. */
        @WithName("retry-delay")
        @WithDefault("30s")
        Duration retryDelay();

        @WithName("retry-cap")
        @WithDefault("30m")
        Duration retryCap();

        /** How often idle workers look for digests to send (new ones wake them at once on this instance). */
        @WithName("poll-interval")
        @WithDefault("2s")
        Duration pollInterval();
    }

    /** DKIM signing of outgoing SMTP mail; on when domain, selector and key are all set. */
    interface Dkim {
        Optional<String> domain();

        Optional<String> selector();

        /** Path of a PKCS#8 PEM RSA private key. */
        @WithName("private-key")
        Optional<Path> privateKey();
    }

    /** Mailjet Send API v3.1, used when {@code newsletter.mail.transport=mailjet}. */
    interface Mailjet {
        @WithName("api-key")
        Optional<String> apiKey();

        @WithName("secret-key")
        Optional<String> secretKey();

        @WithName("base-url")
        @WithDefault("https://api.mailjet.com")
        String baseUrl();

        @WithDefault("30s")
        Duration timeout();

        /**
         * Password of Mailjet's event webhook (bounces, blocks, spam complaints), which Mailjet is given as
         * {@code https://mailjet:SECRET@host/api/webhooks/mailjet}; unset, the webhook answers 404.
         */
        @WithName("webhook-secret")
        Optional<String> webhookSecret();
    }

    interface Feeds {
        /** Connect plus read time allowed for one feed fetch. */
        @WithDefault("20s")
        Duration timeout();

        /** Largest feed document accepted, in bytes. */
        @WithName("max-bytes")
        @WithDefault("5242880")
        int maxBytes();

        /** How often the poller looks for feeds that are due. */
        @WithName("check-interval")
        @WithDefault("60s")
        Duration checkInterval();
    }

    interface Digest {
        /** Articles in a digest composed without an explicit choice. */
        @WithName("max-articles")
        @WithDefault("20")
        int maxArticles();

        /** How often list schedules are checked. */
        @WithName("schedule-check-interval")
        @WithDefault("60s")
        Duration scheduleCheckInterval();

        /**
         * Article links in digests go through this service and are counted per digest and article, never
         * per reader (the same link is in every copy). Off: links point at the articles themselves.
         */
        @WithName("track-clicks")
        @WithDefault("true")
        boolean trackClicks();

        /**
         * When set (e.g. {@code newsletter}), readers arrive at the articles with
         * {@code utm_source=<this>&utm_medium=email&utm_campaign=<list slug>}, so the site's own analytics see
         * what the newsletter brings. Parameters an article's URL has already are left as they are.
         */
        @WithName("utm-source")
        Optional<String> utmSource();
    }
}
