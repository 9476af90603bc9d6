package org.newsletter.sending;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import org.jboss.logging.Logger;
import org.newsletter.common.NewsletterConfig;
import org.newsletter.digests.DigestRenderer;
import org.newsletter.digests.DigestService;
import org.newsletter.mail.MailTransport;
import org.newsletter.mail.MailTransports;

import java.lang.management.ManagementFactory;
import java.util.UUID;

/**
 * This instance's {@link DeliveryEngine}: started with the application (so a restarted instance resumes
 * unfinished digests by itself), woken when a digest changes here; its workers poll for changes made elsewhere.
 */
@ApplicationScoped
public class SendingEngine {

    private static final Logger LOG = Logger.getLogger(SendingEngine.class);

    private final DeliveryEngine engine;
    private final MailTransport transport;

    SendingEngine(AgroalDataSource dataSource, DigestRenderer renderer, NewsletterConfig config, ObjectMapper json,
                  MeterRegistry registry) {
        this.transport = MailTransports.create(config, json, config.send().concurrency());
        this.engine = new DeliveryEngine(dataSource, transport, renderer, config.send(), instanceName(),
                new SendingMetrics(registry));
    }

    /** host:pid:random, so leases in the ledger say which instance holds them. */
    static String instanceName() {
        String runtime = ManagementFactory.getRuntimeMXBean().getName();
        return (runtime + ":" + UUID.randomUUID().toString().substring(0, 8));
    }

    void start(@Observes StartupEvent event) {
        engine.start();
    }

    void stop(@Observes ShutdownEvent event) {
        engine.stop();
        try {
            MailTransports.closeQuietly(transport);
        } catch (Exception e) {
            LOG.debug("Closing the sending transport failed", e);
        }
    }

    void onChange(@Observes(during = TransactionPhase.AFTER_SUCCESS) DigestService.StateChanged changed) {
        engine.wake();
    }

    public DeliveryEngine engine() {
        return engine;
    }
}
