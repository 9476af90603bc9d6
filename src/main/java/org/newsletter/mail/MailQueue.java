package org.newsletter.mail;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import org.newsletter.common.NewsletterConfig;

import java.time.Clock;
import java.util.Map;

/** Records transactional mail in the caller's transaction; the {@link MailWorker} sends it after commit. */
@ApplicationScoped
public class MailQueue {

    /** Fired when mail was queued; observed after a successful commit to wake the worker at once. */
    public record MailQueued() {
    }

    private final NewsletterConfig config;
    private final Event<MailQueued> queued;
    private final Clock clock;

    MailQueue(NewsletterConfig config, Event<MailQueued> queued, Clock clock) {
        this.config = config;
        this.queued = queued;
        this.clock = clock;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void enqueue(OutboundMail.Kind kind, Long subscriberId, String recipient, RenderedMail mail) {
        OutboundMail m = new OutboundMail();
        m.kind = kind.name();
        m.subscriberId = subscriberId;
        m.recipient = recipient;
        m.subject = mail.subject();
        m.htmlBody = mail.html();
        m.textBody = mail.text();
        m.headers = mail.headers();
        m.createdAt = clock.instant();
        m.persist();
        queued.fire(new MailQueued());
    }

    public String from() {
        return config.mail().from();
    }

    /** Subject, bodies and extra headers of a mail ready to queue. */
    public record RenderedMail(String subject, String html, String text, Map<String, String> headers) {
    }
}
