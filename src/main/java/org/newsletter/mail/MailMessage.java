package org.newsletter.mail;

import java.util.Map;

/**
 * One message as the application means it: transports turn it into MIME. {@code reference} says what it
 * belongs to ({@code digest:17}) for a provider that reports back on it later (Mailjet's CustomID); null
 * for mail that is nobody's concern afterwards.
 */
public record MailMessage(String from, String to, String subject, String html, String text, Map<String, String> headers,
                          String reference) {
    public MailMessage {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("Every message needs a plain-text part");
        }
    }

    public MailMessage(String from, String to, String subject, String html, String text, Map<String, String> headers) {
        this(from, to, subject, html, text, headers, null);
    }

    /** The digest a message belongs to, from its reference. */
    public static java.util.Optional<Long> digestOf(String reference) {
        if (reference == null || !reference.startsWith(DIGEST)) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(Long.parseLong(reference.substring(DIGEST.length())));
        } catch (NumberFormatException e) {
            return java.util.Optional.empty();
        }
    }

    public static String digestReference(long digestId) {
        return DIGEST + digestId;
    }

    private static final String DIGEST = "digest:";
}
