package org.newsletter.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Map;
import java.util.UUID;

/** Builds the MIME form of a {@link MailMessage}: multipart/alternative, text first, then HTML. */
final class MimeMessages {

    private MimeMessages() {
    }

    static MimeMessage build(Session session, MailMessage message) throws MessagingException {
        MimeMessage mime = new IdentifiedMimeMessage(session, messageId(message.from()));
        mime.setFrom(new InternetAddress(message.from(), true));
        mime.setRecipients(jakarta.mail.Message.RecipientType.TO, InternetAddress.parse(message.to(), true));
        mime.setSubject(message.subject(), StandardCharsets.UTF_8.name());
        mime.setSentDate(new Date());
        for (Map.Entry<String, String> header : message.headers().entrySet()) {
            mime.setHeader(header.getKey(), header.getValue());
        }
        MimeMultipart alternative = new MimeMultipart("alternative");
        MimeBodyPart text = new MimeBodyPart();
        text.setText(message.text(), StandardCharsets.UTF_8.name(), "plain");
        alternative.addBodyPart(text);
        if (message.html() != null && !message.html().isBlank()) {
            MimeBodyPart html = new MimeBodyPart();
            html.setText(message.html(), StandardCharsets.UTF_8.name(), "html");
            alternative.addBodyPart(html);
        }
        mime.setContent(alternative);
        mime.saveChanges();
        return mime;
    }

    private static String messageId(String from) throws MessagingException {
        String address = new InternetAddress(from, true).getAddress();
        String domain = address.substring(address.indexOf('@') + 1);
        return "<" + UUID.randomUUID() + "@" + domain + ">";
    }

    /** Keeps our Message-ID (JavaMail would otherwise replace it on saveChanges). */
    private static final class IdentifiedMimeMessage extends MimeMessage {
        private final String id;

        IdentifiedMimeMessage(Session session, String id) {
            super(session);
            this.id = id;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", id);
        }
    }
}
