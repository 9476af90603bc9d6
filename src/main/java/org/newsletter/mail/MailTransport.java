package org.newsletter.mail;

import java.util.ArrayList;
import java.util.List;

/** Hands messages to the outside world: an SMTP relay, an HTTP API, or a directory. */
public interface MailTransport {

    /**
     * Sends one message, returning only once it is accepted.
     *
     * @throws MailDeliveryException with {@link MailDeliveryException#permanent()} telling whether trying again can help
     */
    void send(MailMessage message) throws MailDeliveryException;

    /** How many messages {@link #sendAll} takes at once to good effect: 1 for SMTP, 50 for Mailjet. */
    default int batchSize() {
        return 1;
    }

    /** Sends several messages; one outcome per message, in order. A failed message does not stop the rest. */
    default List<MailDeliveryException> sendAll(List<MailMessage> messages) {
        List<MailDeliveryException> outcomes = new ArrayList<>(messages.size());
        for (MailMessage message : messages) {
            try {
                send(message);
                outcomes.add(null);
            } catch (MailDeliveryException e) {
                outcomes.add(e);
            }
        }
        return outcomes;
    }
}
