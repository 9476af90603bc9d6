package org.newsletter.subscription;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.newsletter.common.NewsletterConfig;
import org.newsletter.lists.PublicLists.PublicList;
import org.newsletter.mail.MailQueue.AddressedMail;
import org.newsletter.mail.OutboundMail;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Records validated signups, many per transaction (see {@link SignupBatcher}). The common case, a new
 * reader choosing double opt-in lists, takes four set-based statements for the whole batch: readers,
 * consent events, subscriptions, confirmation mails. Everything else (a known reader, a blocklisted
 * one, single opt-in lists) goes through the entities' state machines one signup at a time, in the same
 * transaction.
 */
@ApplicationScoped
public class SignupRecorder {

    private final SubscriptionMails mails;
    private final ConsentTexts consentTexts;
    private final NewsletterConfig config;
    private final Clock clock;

    SignupRecorder(SubscriptionMails mails, ConsentTexts consentTexts, NewsletterConfig config, Clock clock) {
        this.mails = mails;
        this.consentTexts = consentTexts;
        this.config = config;
        this.clock = clock;
    }

    /** Records the signups in one new transaction. Their {@link AcceptedSignup#key() addresses} must be distinct. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void record(List<AcceptedSignup> batch) {
        Instant now = clock.instant();
        List<AcceptedSignup> sorted = batch.stream().sorted(Comparator.comparing(AcceptedSignup::key)).toList();
        List<SubscriberStore.Stored> stored = SubscriberStore.insertIfAbsentAndLock(sorted, now);
        Map<Long, AcceptedSignup> fresh = new LinkedHashMap<>();
        Map<Long, UUID> publicIds = new HashMap<>();
        List<Map.Entry<SubscriberStore.Stored, AcceptedSignup>> others = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            AcceptedSignup signup = sorted.get(i);
            SubscriberStore.Stored reader = stored.get(i);
            if (reader.created() && signup.onlyDoubleOptIn()) {
                fresh.put(reader.id(), signup);
                publicIds.put(reader.id(), reader.publicId());
            } else if (!reader.blocklisted()) {
                others.add(Map.entry(reader, signup));
            }
        }
        if (!fresh.isEmpty()) {
            recordNewReaders(fresh, publicIds, now);
        }
        for (Map.Entry<SubscriberStore.Stored, AcceptedSignup> other : others) {
            recordOne(Subscriber.findById(other.getKey().id()), other.getKey().created(), other.getValue(), now);
        }
    }

    private void recordNewReaders(Map<Long, AcceptedSignup> fresh, Map<Long, UUID> publicIds, Instant now) {
        Map<Long, Long> events = SubscriberStore.recordNewSignups(fresh, consentTexts.currentVersion(), now);
        List<AddressedMail> confirmations = new ArrayList<>(fresh.size());
        fresh.forEach((id, signup) -> confirmations.add(new AddressedMail(id, signup.email(), mails.confirmation(
                publicIds.get(id), signup.name(),
                signup.lists().stream().map(PublicList::name).toList(), events.get(id)))));
        mails.queueConfirmations(confirmations);
    }

    /** One signup of a known reader, or of a new one to single opt-in lists, through the entities. */
    private void recordOne(Subscriber subscriber, boolean created, AcceptedSignup signup, Instant now) {
        subscriber.rename(signup.name());
        List<Long> listIds = signup.listIds();
        ConsentEvent event = ConsentEvent.record(subscriber, ConsentEvent.Action.signup, signup.source(), listIds,
                signup.origin(), consentTexts.currentVersion(), now);

        // a reader created just now has no subscriptions and no mail yet: two queries saved
        Map<Long, Subscription> existing = created ? Map.of()
                : Subscription.ofSubscriberAndLists(subscriber, listIds).stream()
                        .collect(Collectors.toMap(s -> s.list.id, Function.identity()));
        List<String> toConfirmByMail = new ArrayList<>();
        List<Subscription> confirmedNow = new ArrayList<>();
        Boolean suppressed = null; // asked only when a list the reader is already on comes up
        for (PublicList list : signup.lists()) {
            Subscription subscription = existing.get(list.id());
            if (subscription == null) {
                subscription = Subscription.startPending(subscriber, list.reference(), now);
                subscription.persist();
            }
            if (!subscription.requestSignup(now)) {
                // on the list, but no mail reaches them (a bounce, a complaint): a confirmation proves the address again
                if (suppressed == null) {
                    suppressed = SubscriberStore.suppressedByDelivery(subscriber);
                }
                if (suppressed) {
                    toConfirmByMail.add(list.name());
                }
                continue;
            }
            if (!list.requiresConfirmation()) {
                subscription.confirm(now);
                confirmedNow.add(subscription);
            } else if (!subscription.isConfirmationDeclined()) {
                toConfirmByMail.add(list.name());
            }
        }
        if (!confirmedNow.isEmpty()) {
            ConsentEvent.record(subscriber, ConsentEvent.Action.confirm, signup.source(),
                    confirmedNow.stream().map(s -> s.list.id).toList(), signup.origin(), consentTexts.currentVersion(), now);
            confirmedNow.forEach(s -> mails.queueWelcome(subscriber, s.list));
            SubscriberStore.liftSuppressionOnFreshConsent(subscriber, false);
        }
        if (!toConfirmByMail.isEmpty() && (created || underDailyConfirmationCap(subscriber, now))) {
            mails.queueConfirmation(subscriber, toConfirmByMail, event.id);
        }
    }

    private boolean underDailyConfirmationCap(Subscriber subscriber, Instant now) {
        return OutboundMail.confirmationsSince(subscriber.id, now.minus(Duration.ofHours(24)))
                < config.signup().confirmationsPerDay();
    }
}
