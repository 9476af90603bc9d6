package org.newsletter.mail;

/** A message was not accepted. Permanent failures (5xx) are not retried; temporary ones (4xx, I/O) are. */
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

    /** The SMTP reply code when the server gave one, otherwise -1. */
    public int replyCode() {
        return replyCode;
    }
}
