package org.newsletter.admin;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.security.jpa.Password;
import io.quarkus.security.jpa.PasswordType;
import io.quarkus.security.jpa.Roles;
import io.quarkus.security.jpa.UserDefinition;
import io.quarkus.security.jpa.Username;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A person who runs the newsletter. Passwords are stored only as bcrypt hashes. */
@Entity
@Table(name = "admin_accounts")
@UserDefinition
public class AdminAccount extends PanacheEntityBase {

    public static final String ADMIN = "admin";
    public static final String EDITOR = "editor";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Username
    @Column(nullable = false, unique = true)
    public String username;

    @Password(PasswordType.MCF)
    @Column(name = "password_hash", nullable = false)
    public String passwordHash;

    @Roles
    @Column(nullable = false)
    public String role = ADMIN;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt = Instant.now();

    public static AdminAccount create(String username, String password, String role) {
        AdminAccount account = new AdminAccount();
        account.username = username;
        account.passwordHash = BcryptUtil.bcryptHash(password);
        account.role = role;
        account.persist();
        return account;
    }
}
