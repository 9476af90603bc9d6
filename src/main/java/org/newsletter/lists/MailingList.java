package org.newsletter.lists;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A mailing list readers can subscribe to; its opt-in mode decides whether they must confirm by mail. */
@Entity
@Table(name = "mailing_lists")
public class MailingList extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false, unique = true)
    public String slug;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public String description = "";

    @Column(name = "is_public", nullable = false)
    public boolean isPublic = true;

    @Column(name = "opt_in", nullable = false)
    public OptInMode optIn = OptInMode.DOUBLE;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt = Instant.now();

    /** Archived: kept as a record, offered nowhere, no new digests. */
    @Column(nullable = false)
    public boolean archived;

    /** When set, a digest of new articles is composed and sent on this schedule (cron: minute hour day month weekday). */
    @Column(name = "digest_cron")
    public String digestCron;

    @Column(name = "digest_zone")
    public String digestZone;

    @Column(name = "digest_subject")
    public String digestSubject;

    /** The scheduled time last handled (sent or skipped for want of articles). */
    @Column(name = "digest_last_run")
    public Instant digestLastRun;

    public static Optional<MailingList> findBySlug(String slug) {
        return find("slug", slug).firstResultOptional();
    }

    public static List<MailingList> publicLists() {
        return list("isPublic = true and archived = false order by name");
    }

    public void archive() {
        archived = true;
        digestCron = null; // an archived list has no schedule
    }

    public void restore() {
        archived = false;
    }

    public boolean requiresConfirmation() {
        return optIn == OptInMode.DOUBLE;
    }
}
