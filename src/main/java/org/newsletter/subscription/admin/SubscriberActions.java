package org.newsletter.subscription.admin;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;
import org.jboss.logging.Logger;
import org.newsletter.lists.MailingList;
import org.newsletter.subscription.ConsentEvent;
import org.newsletter.subscription.ConsentSource;
import org.newsletter.subscription.RequestOrigin;
import org.newsletter.subscription.Subscriber;
import org.newsletter.subscription.Subscription;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

/** What an admin does to one reader: block them, or take them off a list (recorded like any unsubscribe). */
@ApplicationScoped
@Transactional
public class SubscriberActions {

    private static final Logger LOG = Logger.getLogger(SubscriberActions.class);

    private final Clock clock;

    SubscriberActions(Clock clock) {
        this.clock = clock;
    }

    /** Blocked readers get no mail of any kind and cannot sign up again; their data stays. */
    public void block(UUID id) {
        Subscriber subscriber = find(id);
        subscriber.blocklist();
        LOG.infof("Subscriber %d blocked by an admin", subscriber.id);
    }

    public void unsubscribe(UUID id, String listSlug) {
        Subscriber subscriber = find(id);
        MailingList list = MailingList.findBySlug(listSlug).orElseThrow(() -> new NotFoundException("No list " + listSlug));
        Subscription subscription = Subscription.ofSubscriberAndLists(subscriber, List.of(list.id)).stream().findFirst()
                .orElseThrow(() -> new NotFoundException("The reader is not on the list " + listSlug));
        subscription.unsubscribe(clock.instant());
        ConsentEvent.record(subscriber, ConsentEvent.Action.unsubscribe, ConsentSource.ADMIN, List.of(list.id),
                RequestOrigin.NONE, null, clock.instant());
    }

    private static Subscriber find(UUID id) {
        Subscriber subscriber = Subscriber.find("publicId", id).firstResult();
        if (subscriber == null) {
            throw new NotFoundException("No subscriber " + id);
        }
        return subscriber;
    }
}
