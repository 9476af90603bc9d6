package org.newsletter.subscription;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;

import java.time.Instant;
import java.util.List;

/**
 * One entry of the append-only consent log: who agreed to (or withdrew from) which lists, when, from
 * where and having been shown which consent text. Never updated in place.
 */
@Entity
@Immutable
@Table(name = "consent_events")
public class ConsentEvent extends PanacheEntityBase {

    public enum Action { signup, confirm, preferences, unsubscribe, import_, cancel;
        public String code() {
            return this == import_ ? "import" : name();
        }
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "subscriber_id", nullable = false, updatable = false)
    public Long subscriberId;

    @Column(nullable = false, updatable = false)
    public String action;

    @Column(nullable = false, updatable = false)
    public String source;

    @Column(name = "list_ids", nullable = false, updatable = false)
    public Long[] listIds;

    @Column(name = "ip_address", updatable = false)
    public String ipAddress;

    @Column(name = "user_agent", updatable = false)
    public String userAgent;

    @Column(name = "consent_text_version", updatable = false)
    public String consentTextVersion;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    protected ConsentEvent() {
    }

    public static ConsentEvent record(Subscriber subscriber, Action action, ConsentSource source, List<Long> listIds,
                                      RequestOrigin origin, String consentTextVersion, Instant now) {
        ConsentEvent e = new ConsentEvent();
        e.subscriberId = subscriber.id;
        e.action = action.code();
        e.source = source.code();
        e.listIds = listIds.toArray(Long[]::new);
        e.ipAddress = origin.ipAddress();
        e.userAgent = origin.userAgent();
        e.consentTextVersion = consentTextVersion;
        e.createdAt = now;
        e.persist();
        return e;
    }

    public static List<ConsentEvent> history(Subscriber subscriber) {
        return list("subscriberId = ?1 order by createdAt, id", subscriber.id);
    }
}
