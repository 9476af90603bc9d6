package org.newsletter.subscription.admin;

import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;
import org.newsletter.common.InputRules;
import org.newsletter.common.InvalidInputException;
import org.newsletter.common.SqlValues;
import org.newsletter.lists.MailingList;
import org.newsletter.subscription.ConsentEvent;
import org.newsletter.subscription.Subscriber;
import org.newsletter.subscription.Subscription;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** Reads readers for the admin: search, filter, page, and one reader's whole record. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class SubscriberQueries {

    static final int MAX_PAGE_SIZE = 200;
    private static final Set<String> SUBSCRIPTION_STATUSES = Set.of("pending", "confirmed", "unsubscribed");
    private static final Set<String> SUBSCRIBER_STATUSES = Set.of("active", "blocklisted");

    public SubscriberViews.Page search(String list, String status, String q, int page, int size) {
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw new InvalidInputException("size", "size must be between 1 and " + MAX_PAGE_SIZE);
        }
        InputRules.checkPage(page, size);
        List<String> where = new ArrayList<>();
        Parameters params = new Parameters();
        if (q != null && !q.isBlank()) {
            where.add("(lower(s.email) like :q or lower(s.name) like :q)");
            params.and("q", "%" + q.strip().toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        if (status != null && !status.isBlank() && SUBSCRIBER_STATUSES.contains(status)) {
            where.add("s.status = :subscriberStatus");
            params.and("subscriberStatus", Subscriber.Status.valueOf(status));
        }
        boolean byList = list != null && !list.isBlank();
        boolean bySubscriptionStatus = status != null && SUBSCRIPTION_STATUSES.contains(status);
        if (status != null && !status.isBlank() && !bySubscriptionStatus && !SUBSCRIBER_STATUSES.contains(status)) {
            throw new InvalidInputException("status", "status must be one of pending, confirmed, unsubscribed, active, blocklisted");
        }
        if (byList || bySubscriptionStatus) {
            StringBuilder sub = new StringBuilder("exists (select 1 from Subscription x where x.subscriber = s");
            if (byList) {
                MailingList.findBySlug(list).orElseThrow(() -> new InvalidInputException("list", "No list with the slug '" + list + "'"));
                sub.append(" and x.list.slug = :list");
                params.and("list", list);
            }
            if (bySubscriptionStatus) {
                sub.append(" and x.status = :subscriptionStatus");
                params.and("subscriptionStatus", Subscription.Status.valueOf(status));
            }
            where.add(sub.append(")").toString());
        }
        String query = "from Subscriber s" + (where.isEmpty() ? "" : " where " + String.join(" and ", where));
        var found = Subscriber.<Subscriber>find(query, Sort.descending("createdAt").and("id", Sort.Direction.Descending), params)
                .page(Page.of(page, size));
        List<SubscriberViews.Summary> items = found.list().stream().map(SubscriberQueries::summary).toList();
        return new SubscriberViews.Page(page, size, found.count(), items);
    }

    public SubscriberViews.Detail detail(UUID id) {
        Subscriber s = Subscriber.findByPublicId(id).orElseThrow(() -> new NotFoundException("No such subscriber"));
        List<SubscriberViews.SubscriptionView> subscriptions = Subscription.ofSubscriber(s).stream()
                .map(x -> new SubscriberViews.SubscriptionView(x.list.slug, x.list.name, x.status().name(),
                        x.createdAt(), x.confirmedAt(), x.unsubscribedAt()))
                .toList();
        Map<Long, String> slugs = MailingList.<MailingList>listAll().stream().collect(Collectors.toMap(l -> l.id, l -> l.slug));
        Map<String, String> texts = consentTexts();
        List<SubscriberViews.ConsentView> consent = ConsentEvent.history(s).stream()
                .map(e -> new SubscriberViews.ConsentView(e.createdAt, e.action, e.source,
                        Arrays.stream(e.listIds).map(lid -> slugs.getOrDefault(lid, "(deleted list " + lid + ")")).toList(),
                        e.ipAddress, e.userAgent, e.consentTextVersion,
                        e.consentTextVersion == null ? null : texts.get(e.consentTextVersion)))
                .toList();
        return new SubscriberViews.Detail(s.publicId, s.email, s.name, s.status().name(), s.createdAt, subscriptions, consent,
                suppression(s));
    }

    @SuppressWarnings("unchecked")
    private static SubscriberViews.SuppressionView suppression(Subscriber s) {
        List<Object[]> rows = Panache.getEntityManager()
                .createNativeQuery("select reason, detail, created_at from suppressions where email_hash = email_hash(?1)")
                .setParameter(1, s.email).getResultList();
        return rows.stream().findFirst().map(r -> new SubscriberViews.SuppressionView((String) r[0], (String) r[1],
                SqlValues.instant(r[2]))).orElse(null);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> consentTexts() {
        List<Object[]> rows = Panache.getEntityManager().createNativeQuery("select version, text from consent_texts").getResultList();
        return rows.stream().collect(Collectors.toMap(r -> (String) r[0], r -> (String) r[1]));
    }

    private static SubscriberViews.Summary summary(Subscriber s) {
        return new SubscriberViews.Summary(s.publicId, s.email, s.name, s.status().name(), s.createdAt);
    }
}
