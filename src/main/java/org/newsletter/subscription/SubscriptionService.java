package org.newsletter.subscription;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.newsletter.common.FieldError;
import org.newsletter.common.InputRules;
import org.newsletter.common.InvalidInputException;
import org.newsletter.common.InvalidLinkException;
import org.newsletter.common.LinkTokens;
import org.newsletter.common.LinkTokens.Claims;
import org.newsletter.common.LinkTokens.Purpose;
import org.newsletter.lists.MailingList;
import org.newsletter.lists.PublicLists;
import org.newsletter.lists.PublicLists.PublicList;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The reader's side: signing up, confirming, changing lists and leaving. Every change is recorded in
 * the consent log in the same transaction, and any mail it causes is queued in that transaction too.
 */
@ApplicationScoped
public class SubscriptionService {

    /** How many lists one signup may name. */
    static final int MAX_LISTS = 50;

    private final LinkTokens tokens;
    private final PublicLists publicLists;
    private final SubscriptionMails mails;
    private final ConsentTexts consentTexts;
    private final SignupBatcher batcher;
    private final Clock clock;
    private final MeterRegistry registry;

    SubscriptionService(LinkTokens tokens, PublicLists publicLists, SubscriptionMails mails, ConsentTexts consentTexts,
                        SignupBatcher batcher, Clock clock, MeterRegistry registry) {
        this.registry = registry;
        this.tokens = tokens;
        this.publicLists = publicLists;
        this.mails = mails;
        this.consentTexts = consentTexts;
        this.batcher = batcher;
        this.clock = clock;
    }

    // ---- signup ----------------------------------------------------------------------------------

    /**
     * Signs a reader up to public lists. The outcome is deliberately invisible to the caller (no
     * enumeration): a new, pending, confirmed or blocklisted address all look alike from outside. Returns
     * once the signup is committed; it is written together with other signups arriving at the same time
     * ({@link SignupBatcher}).
     *
     * @throws InvalidInputException at once, before anything is recorded
     */
    public void signUp(SignupCommand command, ConsentSource source, RequestOrigin origin) {
        try {
            signUpAsync(command, source, origin).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /**
     * {@link #signUp} without waiting: validates at once (throwing {@link InvalidInputException}) and
     * completes when the signup is committed. Touches no database on the calling thread.
     */
    public CompletableFuture<Void> signUpAsync(SignupCommand command, ConsentSource source, RequestOrigin origin) {
        String email = InputRules.normalizeEmail(command.email());
        String name = InputRules.trimToNull(command.name());
        List<PublicList> lists = validate(email, name, command.lists());
        return batcher.submit(new AcceptedSignup(email, name, lists, source, origin));
    }

    private List<PublicList> validate(String email, String name, List<String> requested) {
        List<FieldError> errors = new ArrayList<>();
        InputRules.emailProblem(email).ifPresent(m -> errors.add(new FieldError("email", m)));
        InputRules.nameProblem(name).ifPresent(m -> errors.add(new FieldError("name", m)));
        Set<String> slugs = new LinkedHashSet<>();
        for (String slug : requested) {
            if (slug != null && !slug.isBlank()) {
                slugs.add(slug.strip());
            }
        }
        List<PublicList> lists = List.of();
        if (slugs.isEmpty()) {
            errors.add(new FieldError("lists", "Please select at least one mailing list"));
        } else if (slugs.size() > MAX_LISTS) {
            errors.add(new FieldError("lists", "Select at most " + MAX_LISTS + " mailing lists"));
        } else {
            Map<String, PublicList> known = publicLists.bySlug();
            lists = slugs.stream().map(known::get).filter(java.util.Objects::nonNull).toList();
            List<String> unknown = slugs.stream().filter(s -> !known.containsKey(s)).toList();
            if (!unknown.isEmpty()) {
                errors.add(new FieldError("lists", "Unknown mailing list: " + String.join(", ", unknown)));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return lists;
    }

    // ---- confirmation ----------------------------------------------------------------------------

    /** What a confirmation link is about, for the page that asks the reader to press the button. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<String> listsOfConfirmation(String token) {
        Signup signup = signupOf(tokens.verify(token, Purpose.CONFIRM).orElseThrow(InvalidLinkException::new));
        return signup.lists().stream().map(l -> l.name).toList();
    }

    /**
     * Confirms the lists of one signup that are still pending. Idempotent: pressing twice, or after
     * the lists were confirmed some other way, changes nothing and answers the same. A signup the reader
     * cancelled or left entirely is no longer confirmable: the link is then reported as invalid.
     */
    @Transactional
    public List<String> confirm(String token, RequestOrigin origin) {
        Claims claims = tokens.verify(token, Purpose.CONFIRM).orElseThrow(InvalidLinkException::new);
        Signup signup = signupOf(claims);
        Instant now = clock.instant();
        List<Subscription> subscriptions = Subscription.ofSubscriberAndLists(signup.subscriber(), ids(signup.lists()));
        List<Subscription> confirmed = new ArrayList<>();
        for (Subscription s : subscriptions) {
            if (s.status() == Subscription.Status.pending && !s.isConfirmationDeclined()) {
                s.confirm(now);
                confirmed.add(s);
            }
        }
        if (!confirmed.isEmpty()) {
            ConsentEvent.record(signup.subscriber(), ConsentEvent.Action.confirm, ConsentSource.LINK,
                    confirmed.stream().map(s -> s.list.id).toList(), origin, consentTexts.currentVersion(), now);
            confirmed.forEach(s -> mails.queueWelcome(signup.subscriber(), s.list));
        }
        List<String> nowOn = subscriptions.stream()
                .filter(s -> s.status() == Subscription.Status.confirmed).map(s -> s.list.name).toList();
        if (nowOn.isEmpty()) {
            throw new InvalidLinkException();
        }
        // the link reached the reader and they followed it: the address is theirs and takes mail again
        SubscriberStore.liftSuppressionOnFreshConsent(signup.subscriber(), true);
        return nowOn;
    }

    private record Signup(Subscriber subscriber, ConsentEvent event, List<MailingList> lists) {
    }

    private Signup signupOf(Claims claims) {
        Subscriber subscriber = Subscriber.findByPublicId(claims.subscriber()).orElseThrow(InvalidLinkException::new);
        ConsentEvent event = ConsentEvent.<ConsentEvent>findByIdOptional(claims.scope())
                .filter(e -> e.subscriberId.equals(subscriber.id) && "signup".equals(e.action))
                .orElseThrow(InvalidLinkException::new);
        List<MailingList> lists = MailingList.list("id in ?1 order by name", Arrays.asList(event.listIds));
        return new Signup(subscriber, event, lists);
    }

    // ---- leaving ---------------------------------------------------------------------------------

    /** What an unsubscribe link would do, without doing it (mail scanners follow links). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<String> listsOfUnsubscribe(String token) {
        Claims claims = tokens.verify(token, Purpose.UNSUBSCRIBE, Purpose.CANCEL_SIGNUP)
                .orElseThrow(InvalidLinkException::new);
        if (claims.purpose() == Purpose.CANCEL_SIGNUP) {
            return signupOf(claims).lists().stream().map(l -> l.name).toList();
        }
        Subscriber.findByPublicId(claims.subscriber()).orElseThrow(InvalidLinkException::new);
        return List.of(MailingList.<MailingList>findByIdOptional(claims.scope()).orElseThrow(InvalidLinkException::new).name);
    }

    /**
     * Unsubscribes at once: from one list (a list mail's link) or, for a confirmation mail's link, cancels
     * that signup's pending lists so the address gets no further confirmation mail for them. Idempotent.
     */
    @Transactional
    public List<String> unsubscribe(String token, ConsentSource source, RequestOrigin origin) {
        Claims claims = tokens.verify(token, Purpose.UNSUBSCRIBE, Purpose.CANCEL_SIGNUP)
                .orElseThrow(InvalidLinkException::new);
        Instant now = clock.instant();
        if (claims.purpose() == Purpose.CANCEL_SIGNUP) {
            Signup signup = signupOf(claims);
            List<Long> cancelled = new ArrayList<>();
            for (Subscription s : Subscription.ofSubscriberAndLists(signup.subscriber(), ids(signup.lists()))) {
                if (s.status() == Subscription.Status.pending) {
                    s.declineConfirmation(now);
                    cancelled.add(s.list.id);
                }
            }
            if (!cancelled.isEmpty()) {
                ConsentEvent.record(signup.subscriber(), ConsentEvent.Action.cancel, source, cancelled, origin, null, now);
            }
            return signup.lists().stream().map(l -> l.name).toList();
        }
        Subscriber subscriber = Subscriber.findByPublicId(claims.subscriber()).orElseThrow(InvalidLinkException::new);
        MailingList list = MailingList.<MailingList>findByIdOptional(claims.scope()).orElseThrow(InvalidLinkException::new);
        Subscription.ofSubscriberAndLists(subscriber, List.of(list.id)).stream()
                .filter(s -> s.status() != Subscription.Status.unsubscribed)
                .forEach(s -> {
                    s.unsubscribe(now);
                    ConsentEvent.record(subscriber, ConsentEvent.Action.unsubscribe, source, List.of(list.id), origin, null, now);
                    registry.counter("newsletter.unsubscribes", "source", source.code()).increment();
                });
        return List.of(list.name);
    }

    // ---- preferences -----------------------------------------------------------------------------

    /** One line of the preferences page. */
    public record ListChoice(String slug, String name, String description, boolean subscribed) {
    }

    /** The lists a reader can choose from (all public ones and any private one they are on) and their choices. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<ListChoice> preferences(String token) {
        return choices(subscriberOfPreferences(token));
    }

    /**
     * Sets the reader's lists to exactly {@code wanted}. Lists added here are confirmed at once: the
     * preferences link was mailed to this address, which proves it is theirs.
     */
    @Transactional
    public List<ListChoice> updatePreferences(String token, Collection<String> wanted, RequestOrigin origin) {
        Subscriber subscriber = subscriberOfPreferences(token);
        Instant now = clock.instant();
        Set<String> wantedSlugs = Set.copyOf(wanted);
        Map<Long, Subscription> current = Subscription.ofSubscriber(subscriber).stream()
                .collect(Collectors.toMap(s -> s.list.id, Function.identity()));
        List<Long> changed = new ArrayList<>();
        for (MailingList list : offeredLists(current.values())) {
            Subscription s = current.get(list.id);
            boolean isOn = s != null && s.status() == Subscription.Status.confirmed;
            if (wantedSlugs.contains(list.slug) && !isOn) {
                if (s == null) {
                    s = Subscription.startPending(subscriber, list, now);
                    s.persist();
                    current.put(list.id, s);
                }
                s.requestSignup(now);
                s.confirm(now);
                mails.queueWelcome(subscriber, list);
                SubscriberStore.liftSuppressionOnFreshConsent(subscriber, true);
                changed.add(list.id);
            } else if (!wantedSlugs.contains(list.slug) && s != null && s.status() != Subscription.Status.unsubscribed) {
                s.unsubscribe(now);
                changed.add(list.id);
            }
        }
        if (!changed.isEmpty()) {
            List<Long> nowOn = current.values().stream()
                    .filter(s -> s.status() == Subscription.Status.confirmed).map(s -> s.list.id).toList();
            ConsentEvent.record(subscriber, ConsentEvent.Action.preferences, ConsentSource.LINK, nowOn, origin,
                    consentTexts.currentVersion(), now);
        }
        return choices(current);
    }

    private Subscriber subscriberOfPreferences(String token) {
        Claims claims = tokens.verify(token, Purpose.PREFERENCES).orElseThrow(InvalidLinkException::new);
        return Subscriber.findByPublicId(claims.subscriber()).orElseThrow(InvalidLinkException::new);
    }

    private List<ListChoice> choices(Subscriber subscriber) {
        return choices(Subscription.ofSubscriber(subscriber).stream()
                .collect(Collectors.toMap(s -> s.list.id, Function.identity())));
    }

    private static List<ListChoice> choices(Map<Long, Subscription> current) {
        return offeredLists(current.values()).stream()
                .map(l -> new ListChoice(l.slug, l.name, l.description,
                        current.containsKey(l.id) && current.get(l.id).status() == Subscription.Status.confirmed))
                .toList();
    }

    private static List<MailingList> offeredLists(Collection<Subscription> current) {
        Set<Long> mine = current.stream().filter(s -> s.status() != Subscription.Status.unsubscribed)
                .map(s -> s.list.id).collect(Collectors.toSet());
        return MailingList.<MailingList>list("order by name").stream()
                .filter(l -> l.isPublic || mine.contains(l.id)).toList();
    }

    private static List<Long> ids(List<MailingList> lists) {
        return lists.stream().map(l -> l.id).toList();
    }
}
