package org.newsletter.support;

import org.newsletter.common.NewsletterConfig;
import org.newsletter.digests.DigestRenderer;
import org.newsletter.mail.SmtpTransport;
import org.newsletter.sending.DeliveryEngine;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.Optional;

/** Extra sending engines for tests: as a second instance would run them, against the same database. */
public final class TestEngines {

    private TestEngines() {
    }

    public record Send(int concurrency, int rate, int batchSize, Duration lease, int maxAttempts, Duration retryDelay,
                       Duration retryCap, Duration pollInterval) implements NewsletterConfig.Send {
        public static Send of(int concurrency, int rate, int batchSize) {
            return new Send(concurrency, rate, batchSize, Duration.ofSeconds(20), 4, Duration.ofMillis(200),
                    Duration.ofSeconds(1), Duration.ofMillis(100));
        }
    }

    public record Smtp(String host, int port, Optional<String> username, Optional<String> password,
                       NewsletterConfig.Tls tls, int poolSize, Duration timeout) implements NewsletterConfig.Smtp {
        public static Smtp to(int port) {
            return new Smtp("127.0.0.1", port, Optional.empty(), Optional.empty(), NewsletterConfig.Tls.none, 4, Duration.ofSeconds(5));
        }
    }

    /** A started engine sending over SMTP to the given port. */
    public static DeliveryEngine start(String name, DataSource dataSource, DigestRenderer renderer, int smtpPort, Send send) {
        DeliveryEngine engine = new DeliveryEngine(dataSource, new SmtpTransport(Smtp.to(smtpPort), send.concurrency(), null),
                renderer, send, name);
        engine.start();
        return engine;
    }
}
