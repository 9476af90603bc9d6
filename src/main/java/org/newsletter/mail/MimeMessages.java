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
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.UUID;

/** Builds the MIME form of a {@link MailMessage}: multipart/alternative, text first, then HTML. */
final class MimeMessages {

    private MimeMessages() {
    }

    static MimeMessage build(Session session, MailMessage message) throws MessagingException {
        InternetAddress from = sender(message.from());
        String address = from.getAddress();
        MimeMessage mime = new IdentifiedMimeMessage(session,
                "<" + UUID.randomUUID() + "@" + address.substring(address.indexOf('@') + 1) + ">");
        mime.setFrom(from);
        mime.setRecipients(jakarta.mail.Message.RecipientType.TO, InternetAddress.parse(message.to(), true));
        mime.setSubject(message.subject(), StandardCharsets.UTF_8.name());
        // java.time's RFC 1123 form is an RFC 5322 date; JavaMail's setSentDate formats with a synchronized SimpleDateFormat
        mime.setHeader("Date", DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC)));
        for (Map.Entry<String, String> header : message.headers().entrySet()) {
            mime.setHeader(header.getKey(), header.getValue());
        }
        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(part(message.text(), "plain"));
        if (message.html() != null && !message.html().isBlank()) {
            alternative.addBodyPart(part(message.html(), "html"));
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
        byte[] utf8 = content.getBytes(StandardCharsets.UTF_8);
        if ("html".equals(subtype) && utf8.length != content.length()) {
            utf8 = asciiHtml(content).getBytes(StandardCharsets.US_ASCII); // non-ASCII as character references
        }
        byte[] body = crlf(utf8);
        if (body != null) {
            headers.setHeader("Content-Transfer-Encoding", "7bit");
        } else {
            headers.setHeader("Content-Transfer-Encoding", "quoted-printable");
            String text = new String(utf8, StandardCharsets.UTF_8).replace("\r\n", "\n").replace("\n", "\r\n");
            ByteArrayOutputStream encoded = new ByteArrayOutputStream(utf8.length + utf8.length / 4);
            try (OutputStream qp = MimeUtility.encode(encoded, "quoted-printable")) {
                qp.write(text.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new MessagingException("Cannot encode the " + subtype + " part", e);
            }
            body = encoded.toByteArray();
        }
        return new MimeBodyPart(headers, body);
    }

    /**
     * The bytes with every bare LF made CRLF, as SMTP and DKIM want them; or null when they are not 7bit
     * safe (a byte outside ASCII, a NUL, or a line over 998 characters). One pass, one copy.
     */
    static byte[] crlf(byte[] in) {
        byte[] out = new byte[in.length + in.length / 32 + 16];
        int o = 0;
        int lineLength = 0;
        byte previous = 0;
        for (byte b : in) {
            if (b <= 0 || lineLength > 998) {
                return null;
            }
            if (o + 2 > out.length) {
                out = java.util.Arrays.copyOf(out, out.length + out.length / 2 + 2);
            }
            if (b == '\n') {
                if (previous != '\r') {
                    out[o++] = '\r';
                }
                lineLength = 0;
            } else if (b != '\r') {
                lineLength++;
            }
            out[o++] = b;
            previous = b;
        }
        return lineLength > 998 ? null : java.util.Arrays.copyOf(out, o);
    }

    /** HTML with every non-ASCII character written as a numeric reference, so the part stays 7bit. */
    static String asciiHtml(String html) {
        StringBuilder out = new StringBuilder(html.length() + 64);
        html.codePoints().forEach(cp -> {
            if (cp < 128) {
                out.append((char) cp);
            } else {
                out.append("&#").append(cp).append(';');
            }
        });
        return out.toString();
    }

    /** The sender is the same for every message: parsed once. */
    private static final Map<String, InternetAddress> SENDERS = new java.util.concurrent.ConcurrentHashMap<>();

    private static InternetAddress sender(String from) throws MessagingException {
        InternetAddress parsed = SENDERS.get(from);
        if (parsed == null) {
            parsed = new InternetAddress(from, true);
            if (SENDERS.size() < 16) {
                SENDERS.put(from, parsed);
            }
        }
        return (InternetAddress) parsed.clone();
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
