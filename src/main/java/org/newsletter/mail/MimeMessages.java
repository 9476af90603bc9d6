package org.newsletter.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
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
        alternative.addBodyPart(part(message.text(), "plain"));
        if (message.html() != null && !message.html().isBlank()) {
            alternative.addBodyPart(part(asciiHtml(message.html()), "html"));
        }
        mime.setContent(alternative);
        mime.saveChanges();
        return mime;
    }

    /**
     * A text part built from its encoded bytes, with its transfer encoding decided here rather than by
     * JavaMail scanning every byte: 7bit when the text is ASCII with lines within SMTP's limit (the usual
     * case), quoted-printable otherwise. Built this way, JavaMail copies the bytes to the connection in
     * bulk instead of pushing them through its text handler one byte at a time.
     */
    static MimeBodyPart part(String content, String subtype) throws MessagingException {
        InternetHeaders headers = new InternetHeaders();
        headers.setHeader("Content-Type", "text/" + subtype + "; charset=UTF-8");
        String crlf = content.replace("\r\n", "\n").replace("\n", "\r\n");
        byte[] body;
        if (sevenBitSafe(content)) {
            headers.setHeader("Content-Transfer-Encoding", "7bit");
            body = crlf.getBytes(StandardCharsets.US_ASCII);
        } else {
            headers.setHeader("Content-Transfer-Encoding", "quoted-printable");
            ByteArrayOutputStream encoded = new ByteArrayOutputStream(crlf.length() + crlf.length() / 4);
            try (OutputStream qp = MimeUtility.encode(encoded, "quoted-printable")) {
                qp.write(crlf.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new MessagingException("Cannot encode the " + subtype + " part", e);
            }
            body = encoded.toByteArray();
        }
        return new MimeBodyPart(headers, body);
    }

    /** ASCII only and no line over 998 characters (RFC 5322). */
    static boolean sevenBitSafe(String s) {
        int lineLength = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 128 || c == 0) {
                return false;
            }
            lineLength = c == '\n' ? 0 : lineLength + 1;
            if (lineLength > 998) {
                return false;
            }
        }
        return true;
    }

    /** HTML with every non-ASCII character written as a numeric reference, so the part stays 7bit. */
    static String asciiHtml(String html) {
        int first = 0;
        while (first < html.length() && html.charAt(first) < 128) {
            first++;
        }
        if (first == html.length()) {
            return html;
        }
        StringBuilder out = new StringBuilder(html.length() + 64).append(html, 0, first);
        html.substring(first).codePoints().forEach(cp -> {
            if (cp < 128) {
                out.append((char) cp);
            } else {
                out.append("&#").append(cp).append(';');
            }
        });
        return out.toString();
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
