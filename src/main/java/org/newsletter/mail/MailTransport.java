package org.newsletter.mail;

/** Hands one message to the outside world: an SMTP relay, a directory, or later an HTTP API. */
public interface MailTransport {

    /**
     * Sends one message, returning only once it is accepted.
     *
     * @throws MailDeliveryException with {@link MailDeliveryException#permanent()} telling whether trying again can help
     */
    void send(MailMessage message) throws MailDeliveryException;
}
