package org.newsletter.mail;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import org.jboss.logging.Logger;
import org.newsletter.common.NewsletterConfig;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * At start, says in the log what in the sending setup mailbox providers will hold against this mail (the
 * rules in FIELD-NOTES: DKIM for bulk senders, a From domain aligned with it for DMARC, a key of 2048 bits,
 * an https one-click unsubscribe link). Warnings only: the operator may know better, e.g. a relay that signs.
 */
@ApplicationScoped
public class SenderChecks {

    private static final Logger LOG = Logger.getLogger(SenderChecks.class);

    /** The webhook's password can be guessed at leisure (providers call from anywhere): it must be long. */
    static final int MIN_WEBHOOK_SECRET = 24;

    void onStart(@Observes StartupEvent event, NewsletterConfig config) {
        checkWebhookSecret(config.mailjet().webhookSecret());
        if (LaunchMode.current() != LaunchMode.NORMAL) {
            return; // dev and test send to an outbox or a local server
        }
        Optional<DkimSigning> dkim = config.mail().transport() == NewsletterConfig.Transport.smtp
                ? DkimSigning.from(config.dkim()) : Optional.empty();
        warnings(config.mail().transport(), config.mail().from(), config.baseUrl(),
                dkim.map(DkimSigning::domain), dkim.map(DkimSigning::keyBits))
                .forEach(LOG::warn);
    }

    /** Refuses to start with a webhook password short enough to guess. */
    static void checkWebhookSecret(Optional<String> secret) {
        if (secret.filter(value -> !value.isBlank() && value.length() < MIN_WEBHOOK_SECRET).isPresent()) {
            throw new IllegalStateException("NEWSLETTER_MAILJET_WEBHOOK_SECRET must be at least " + MIN_WEBHOOK_SECRET
                    + " characters (e.g. openssl rand -hex 24)");
        }
    }

    /** What providers would object to, one sentence each; empty when the setup looks right. */
    static List<String> warnings(NewsletterConfig.Transport transport, String from, String baseUrl,
                                 Optional<String> dkimDomain, Optional<Integer> keyBits) {
        List<String> warnings = new ArrayList<>();
        if (!"https".equalsIgnoreCase(URI.create(baseUrl).getScheme())) {
            warnings.add("NEWSLETTER_BASE_URL is not https: RFC 8058 one-click unsubscribe needs an https link, "
                    + "and mail clients will not offer their unsubscribe button");
        }
        if (transport != NewsletterConfig.Transport.smtp) {
            return warnings; // Mailjet signs with the domain set up there; the outbox sends nothing
        }
        if (dkimDomain.isEmpty()) {
            warnings.add("Mail is not DKIM-signed: Gmail and Yahoo require DKIM of bulk senders; set NEWSLETTER_DKIM_DOMAIN, "
                    + "NEWSLETTER_DKIM_SELECTOR and NEWSLETTER_DKIM_PRIVATE_KEY unless the relay signs");
            return warnings;
        }
        fromDomain(from).filter(f -> !aligned(f, dkimDomain.get())).ifPresent(f -> warnings.add(
                "The From domain " + f + " is not aligned with the DKIM domain " + dkimDomain.get()
                        + ": DMARC fails unless SPF aligns; sign with the From domain or one it is a subdomain of"));
        keyBits.filter(bits -> bits < DkimSigning.RECOMMENDED_KEY_BITS).ifPresent(bits -> warnings.add(
                "The DKIM key has " + bits + " bits; " + DkimSigning.RECOMMENDED_KEY_BITS + " are recommended"));
        return warnings;
    }

    /** DMARC's relaxed alignment, approximately: the same domain, or the From domain below the signing one. */
    static boolean aligned(String fromDomain, String dkimDomain) {
        String f = fromDomain.toLowerCase(Locale.ROOT);
        String d = dkimDomain.toLowerCase(Locale.ROOT);
        return f.equals(d) || f.endsWith("." + d) || d.endsWith("." + f);
    }

    private static Optional<String> fromDomain(String from) {
        try {
            String address = new InternetAddress(from, true).getAddress();
            return Optional.of(address.substring(address.lastIndexOf('@') + 1));
        } catch (AddressException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
