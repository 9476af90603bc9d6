package org.newsletter.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;
import java.util.UUID;

/** Writes each message as an {@code .eml} file into a directory: for development and for checking mail by eye. */
public class OutboxTransport implements MailTransport {

    private final Path directory;
    private final Session session = Session.getInstance(new Properties());

    public OutboxTransport(Path directory) {
        this.directory = directory;
    }

    @Override
    public void send(MailMessage message) throws MailDeliveryException {
        try {
            MimeMessage mime = MimeMessages.build(session, message);
            Files.createDirectories(directory);
            String name = System.currentTimeMillis() + "-" + UUID.randomUUID();
            Path partial = directory.resolve(name + ".part");
            try (OutputStream out = Files.newOutputStream(partial)) {
                mime.writeTo(out);
            }
            Files.move(partial, directory.resolve(name + ".eml"), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new MailDeliveryException("Could not write to the outbox: " + e.getMessage(), false, -1, e);
        } catch (MessagingException e) {
            throw new MailDeliveryException("Message could not be built: " + e.getMessage(), true, -1, e);
        }
    }
}
