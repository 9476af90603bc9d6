package org.newsletter.admin;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import org.newsletter.common.NewsletterConfig;
import org.jboss.logging.Logger;

import java.util.Optional;

/** Creates the first account, {@code admin}, from {@code NEWSLETTER_ADMIN_PASSWORD} when there is none. */
@Singleton
public class AdminBootstrap {

    private static final Logger LOG = Logger.getLogger(AdminBootstrap.class);

    private final Optional<String> password;

    AdminBootstrap(NewsletterConfig config) {
        this.password = config.adminPassword();
    }

    @Transactional
    void createFirstAdmin(@Observes StartupEvent start) {
        if (AdminAccount.count() > 0) {
            return;
        }
        if (password.isEmpty() || password.get().isBlank()) {
            LOG.warn("No admin account exists and NEWSLETTER_ADMIN_PASSWORD is not set: the admin API is closed");
            return;
        }
        if (password.get().length() < 12) {
            throw new IllegalStateException("NEWSLETTER_ADMIN_PASSWORD must be at least 12 characters");
        }
        AdminAccount.create("admin", password.get(), AdminAccount.ADMIN);
        LOG.info("Created the first admin account 'admin'");
    }
}
