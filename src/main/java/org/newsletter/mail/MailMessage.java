package org.newsletter.mail;

import java.util.Map;

/** One message as the application means it: transports turn it into MIME. */
public record MailMessage(String from, String to, String subject, String html, String text, Map<String, String> headers) {
    public MailMessage {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("Every message needs a plain-text part");
        }
    }
}
