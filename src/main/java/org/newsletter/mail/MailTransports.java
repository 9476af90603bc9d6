package org.newsletter.mail;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.newsletter.common.NewsletterConfig;

/** Chooses the transport named by {@code newsletter.mail.transport}. */
public class MailTransports {

    @Produces
    @Singleton
    @DefaultBean
    MailTransport transport(NewsletterConfig config) {
        return switch (config.mail().transport()) {
            case smtp -> new SmtpTransport(config.smtp());
            case outbox -> new OutboxTransport(config.outbox().dir());
        };
    }

    void close(@Disposes MailTransport transport) throws Exception {
        if (transport instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }
}
