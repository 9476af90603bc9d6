package org.newsletter.mail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import org.hibernate.Session;
import org.newsletter.common.NewsletterConfig;

import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
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
    private final ObjectMapper json;

    MailQueue(NewsletterConfig config, Event<MailQueued> queued, Clock clock, ObjectMapper json) {
        this.config = config;
        this.queued = queued;
        this.clock = clock;
        this.json = json;
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

    /**
     * Records many mails of one kind with one statement, in the caller's transaction (the signup batch);
     * the worker is woken once, after commit.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void enqueueAll(OutboundMail.Kind kind, List<AddressedMail> mails) {
        if (mails.isEmpty()) {
            return;
        }
        // a JDBC batch, not arrays: bodies are large, and array literals would escape every character of them
        OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
        Panache.getEntityManager().unwrap(Session.class).doWork(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into outbound_mails (kind, subscriber_id, recipient, subject, html_body, text_body, headers, created_at)
                    values (?, ?, ?, ?, ?, ?, ?::jsonb, ?)
                    """)) {
                for (AddressedMail m : mails) {
                    ps.setString(1, kind.name());
                    ps.setLong(2, m.subscriberId());
                    ps.setString(3, m.recipient());
                    ps.setString(4, m.mail().subject());
                    ps.setString(5, m.mail().html());
                    ps.setString(6, m.mail().text());
                    ps.setString(7, headersJson(m.mail().headers()));
                    ps.setObject(8, now);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        });
        queued.fire(new MailQueued());
    }

    private String headersJson(Map<String, String> headers) {
        try {
            return json.writeValueAsString(headers);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public String from() {
        return config.mail().from();
    }

    /** Subject, bodies and extra headers of a mail ready to queue. */
    public record RenderedMail(String subject, String html, String text, Map<String, String> headers) {
    }

    /** A rendered mail and whom it goes to. */
    public record AddressedMail(Long subscriberId, String recipient, RenderedMail mail) {
    }
}
