package org.newsletter.mail;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.Map;

/**
 * A transactional mail (confirmation, welcome) recorded in the transaction that causes it. The mail
 * worker sends it after that transaction committed; if it rolled back, the mail never existed.
 */
@Entity
@Table(name = "outbound_mails")
public class OutboundMail extends PanacheEntityBase {

    public enum Kind { confirmation, welcome, test }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false, updatable = false)
    public String kind;

    @Column(name = "subscriber_id", updatable = false)
    public Long subscriberId;

    @Column(nullable = false, updatable = false)
    public String recipient;

    @Column(nullable = false, updatable = false)
    public String subject;

    @Column(name = "html_body", nullable = false, updatable = false)
    public String htmlBody;

    @Column(name = "text_body", nullable = false, updatable = false)
    public String textBody;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, updatable = false)
    public Map<String, String> headers;

    @Column(nullable = false)
    public String status = "queued";

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    /** Confirmation mails sent or queued to this reader since the given time: the basis of the daily cap. */
    public static long confirmationsSince(long subscriberId, Instant since) {
        return count("subscriberId = ?1 and kind = 'confirmation' and createdAt >= ?2 and status <> 'failed'", subscriberId, since);
    }
}
