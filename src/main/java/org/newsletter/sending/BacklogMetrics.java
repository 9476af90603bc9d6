package org.newsletter.sending;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What waits to go out, across all instances (read from the database every 15 s, so every instance reports
 * the same figure): {@code newsletter_backlog{kind="transactional"}} for confirmation, welcome and test mail
 * not sent yet, {@code newsletter_backlog{kind="digest"}} for ledger rows of digests being sent. A backlog
 * that grows for long is what to alert on.
 */
@ApplicationScoped
public class BacklogMetrics {

    private static final Logger LOG = Logger.getLogger(BacklogMetrics.class);

    /** Both counts walk partial indexes of open rows only. */
    static final String TRANSACTIONAL = "select count(*) from outbound_mails where status in ('queued', 'sending')";
    static final String DIGEST = """
            select count(*) from deliveries d join digests g on g.id = d.digest_id
             where g.status = 'sending' and d.status in ('pending', 'sending')
            """;

    private final AgroalDataSource dataSource;
    private final AtomicLong transactional = new AtomicLong();
    private final AtomicLong digest = new AtomicLong();

    BacklogMetrics(AgroalDataSource dataSource, MeterRegistry registry) {
        this.dataSource = dataSource;
        Gauge.builder("newsletter.backlog", transactional, AtomicLong::get).tag("kind", "transactional")
                .description("Messages waiting to be sent, across all instances").register(registry);
        Gauge.builder("newsletter.backlog", digest, AtomicLong::get).tag("kind", "digest")
                .description("Messages waiting to be sent, across all instances").register(registry);
    }

    @Scheduled(every = "15s", delayed = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        try (Connection c = dataSource.getConnection()) {
            transactional.set(count(c, TRANSACTIONAL));
            digest.set(count(c, DIGEST));
        } catch (SQLException | RuntimeException e) {
            LOG.debug("Backlog not counted this time", e);
        }
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
