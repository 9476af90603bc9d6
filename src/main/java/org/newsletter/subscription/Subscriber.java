package org.newsletter.subscription;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** A reader, known by address; the public id is what links and the API expose, never the serial id. */
@Entity
@Table(name = "subscribers")
public class Subscriber extends PanacheEntityBase {

    public enum Status { active, blocklisted }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "public_id", nullable = false, unique = true, updatable = false)
    public UUID publicId;

    @Column(nullable = false)
    public String email;

    public String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Status status = Status.active;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    public Status status() {
        return status;
    }

    public boolean isBlocklisted() {
        return status == Status.blocklisted;
    }

    public void blocklist() {
        status = Status.blocklisted;
    }

    /** A name given later fills in or replaces the one we had; a blank one never erases it. */
    public void rename(String newName) {
        if (newName != null && !newName.isBlank()) {
            name = newName;
        }
    }

    public static Optional<Subscriber> findByPublicId(UUID publicId) {
        return find("publicId", publicId).firstResultOptional();
    }

    public static Optional<Subscriber> findByEmail(String email) {
        return find("lower(email) = lower(?1)", email).firstResultOptional();
    }
}
