package org.newsletter.mail;

/**
 * A message was not accepted. Permanent failures (5xx) are not retried; temporary ones (4xx, I/O) are;
 * throttling replies (SMTP 421/454, HTTP 429) ask the whole sender to slow down.
 */
public class MailDeliveryException extends Exception {
    private final boolean permanent;
    private final int replyCode;

    public MailDeliveryException(String message, boolean permanent, int replyCode, Throwable cause) {
        super(message, cause);
        this.permanent = permanent;
        this.replyCode = replyCode;
    }

    public boolean permanent() {
        return permanent;
    }

    /** The SMTP (or HTTP) reply code when the server gave one, otherwise -1. */
    public int replyCode() {
        return replyCode;
    }

    /** The server said it is overloaded or we are too fast: back off, do not count this against the message. */
    public boolean throttled() {
        return !permanent && (replyCode == 421 || replyCode == 454 || replyCode == 429);
    }
}
