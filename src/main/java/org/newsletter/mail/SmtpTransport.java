package org.newsletter.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.jboss.logging.Logger;
import org.newsletter.common.NewsletterConfig;

import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;

/**
 * SMTP through Jakarta Mail (Eclipse Angus). Connections are kept open and reused from a bounded pool;
 * a connection that failed in any way is closed, never handed out again.
 */
public class SmtpTransport implements MailTransport, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(SmtpTransport.class);

    static {
        // Jakarta Mail looks its stream provider up through ServiceLoader (scanning jars) for every part
        // it writes unless this names it; named, it is one reflective instantiation
        if (System.getProperty("jakarta.mail.util.StreamProvider") == null) {
            System.setProperty("jakarta.mail.util.StreamProvider", "org.eclipse.angus.mail.util.MailStreamProvider");
        }
    }

    private final Session session;
    private final NewsletterConfig.Smtp config;
    /** Connections used within this long are reused as they are; older ones are checked first (NOOP). */
    private static final long TRUST_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(5);

    private final BlockingQueue<Pooled> idle;
    private final Semaphore permits;
    private final DkimSigning dkim;

    public SmtpTransport(NewsletterConfig.Smtp config) {
        this(config, config.poolSize(), null);
    }

    /**
     * @param connections how many connections may be open at once (kept open between messages)
     * @param dkim        signs every message when present
     */
    public SmtpTransport(NewsletterConfig.Smtp config, int connections, DkimSigning dkim) {
        this.config = config;
        this.dkim = dkim;
        this.session = Session.getInstance(properties(config));
        this.idle = new ArrayBlockingQueue<>(Math.max(1, connections));
        this.permits = new Semaphore(Math.max(1, connections));
    }

    private static Properties properties(NewsletterConfig.Smtp config) {
        String protocol = config.tls() == NewsletterConfig.Tls.tls ? "smtps" : "smtp";
        String p = "mail." + protocol + ".";
        Properties props = new Properties();
        props.put("mail.transport.protocol", protocol);
        props.put(p + "host", config.host());
        props.put(p + "port", String.valueOf(config.port()));
        String timeout = String.valueOf(config.timeout().toMillis());
        props.put(p + "connectiontimeout", timeout);
        props.put(p + "timeout", timeout);
        // no writetimeout: Angus enforces it with a scheduled task per socket write, which cost more CPU
        // than the sending itself; a relay that stops reading is caught by the read timeout of the reply
        props.put(p + "auth", String.valueOf(config.username().isPresent()));
        if (config.tls() == NewsletterConfig.Tls.tls) {
            props.put(p + "ssl.socketFactory", NoDelaySockets.tls());
        } else {
            props.put(p + "socketFactory", NoDelaySockets.plain());
            // STARTTLS layers TLS over the plain socket, which already has Nagle off
        }
        if (config.tls() == NewsletterConfig.Tls.starttls) {
            props.put(p + "starttls.enable", "true");
            props.put(p + "starttls.required", "true");
        }
        if (config.tls() != NewsletterConfig.Tls.none) {
            props.put(p + "ssl.checkserveridentity", "true");
        }
        return props;
    }

    @Override
    public void send(MailMessage message) throws MailDeliveryException {
        MimeMessage mime;
        try {
            mime = MimeMessages.build(session, message);
            if (dkim != null) {
                mime = dkim.sign(mime);
            }
        } catch (MessagingException e) {
            throw new MailDeliveryException("Message could not be built: " + e.getMessage(), true, -1, e);
        }
        try {
            permits.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MailDeliveryException("Interrupted while waiting for an SMTP connection", false, -1, e);
        }
        Transport transport = null;
        try {
            transport = borrow();
            transport.sendMessage(mime, mime.getAllRecipients());
            idle.offer(new Pooled(transport, System.nanoTime()));
            transport = null;
        } catch (MessagingException e) {
            throw classify(e);
        } finally {
            if (transport != null) {
                closeQuietly(transport);
            }
            permits.release();
        }
    }

    /** An open connection and when it last carried a message. */
    private record Pooled(Transport transport, long lastUsed) {
    }

    /**
     * A connection from the pool, or a new one. JavaMail's {@code isConnected()} costs a NOOP round trip,
     * so only a connection idle for a while is checked; a busy one is simply used (should the server
     * have closed it anyway, the send fails as temporary and is retried).
     */
    private Transport borrow() throws MessagingException {
        Pooled pooled = idle.poll();
        if (pooled != null) {
            boolean fresh = System.nanoTime() - pooled.lastUsed() < TRUST_NANOS;
            if (fresh || pooled.transport().isConnected()) {
                return pooled.transport();
            }
            closeQuietly(pooled.transport());
        }
        Transport transport = session.getTransport();
        transport.connect(config.host(), config.port(), config.username().orElse(null), config.password().orElse(null));
        return transport;
    }

    /**
     * Reads the SMTP reply code from the exception or the chain behind it (JavaMail wraps a refused
     * recipient's {@link SMTPAddressFailedException} in a plain {@code SendFailedException}).
     */
    static MailDeliveryException classify(MessagingException e) {
        int code = -1;
        String reply = null;
        for (Exception current = e; current != null; ) {
            int found = -1;
            if (current instanceof SMTPAddressFailedException a) {
                found = a.getReturnCode();
            } else if (current instanceof SMTPSenderFailedException s) {
                found = s.getReturnCode();
            } else if (current instanceof SMTPSendFailedException f) {
                found = f.getReturnCode();
            }
            if (found > 0 && (code < 0 || current instanceof SMTPAddressFailedException)) {
                code = found;
                reply = current.getMessage();
            }
            current = current instanceof MessagingException m ? m.getNextException() : null;
        }
        boolean permanent = code >= 500 && code < 600;
        if (reply == null) {
            reply = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
        return new MailDeliveryException(reply.strip(), permanent, code, e);
    }

    private static void closeQuietly(Transport transport) {
        try {
            transport.close();
        } catch (MessagingException e) {
            LOG.debug("Closing an SMTP connection failed", e);
        }
    }

    @Override
    public void close() {
        Pooled p;
        while ((p = idle.poll()) != null) {
            closeQuietly(p.transport());
        }
    }
}
