package org.newsletter.mail;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.newsletter.common.NewsletterConfig;

/** Chooses the transport named by {@code newsletter.mail.transport}. */
public class MailTransports {

    /** The transport for transactional mail (confirmations, welcomes, test copies). */
    @Produces
    @Singleton
    @DefaultBean
    MailTransport transport(NewsletterConfig config, ObjectMapper json) {
        return create(config, json, config.smtp().poolSize());
    }

    void close(@Disposes MailTransport transport) throws Exception {
        closeQuietly(transport);
    }

    /** A transport of its own, e.g. for the sending engine, with as many SMTP connections as given. */
    public static MailTransport create(NewsletterConfig config, ObjectMapper json, int connections) {
        return switch (config.mail().transport()) {
            case smtp -> new SmtpTransport(config.smtp(), connections, DkimSigning.from(config.dkim()).orElse(null));
            case mailjet -> new MailjetTransport(config.mailjet(), json);
            case outbox -> new OutboxTransport(config.outbox().dir());
        };
    }

    public static void closeQuietly(MailTransport transport) throws Exception {
        if (transport instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }
}
