package org.newsletter.lists;

import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;
import org.newsletter.common.ConflictException;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Creating, changing and removing mailing lists. */
@ApplicationScoped
@Transactional
public class MailingListService {

    private final Event<PublicLists.Changed> changed;

    MailingListService(Event<PublicLists.Changed> changed) {
        this.changed = changed;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<ListView> all() {
        Map<Long, ListView.Counts> counts = counts();
        return MailingList.<MailingList>list("order by name").stream()
                .map(l -> ListView.of(l, counts.getOrDefault(l.id, new ListView.Counts(0, 0, 0))))
                .toList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public ListView get(String slug) {
        MailingList list = find(slug);
        return ListView.of(list, counts().getOrDefault(list.id, new ListView.Counts(0, 0, 0)));
    }

    public ListView create(ListRequest request) {
        if (MailingList.findBySlug(request.slug()).isPresent()) {
            throw new ConflictException("A list with the slug '" + request.slug() + "' exists already");
        }
        MailingList list = new MailingList();
        apply(list, request);
        list.persist();
        changed.fire(new PublicLists.Changed());
        return ListView.of(list, new ListView.Counts(0, 0, 0));
    }

    public ListView update(String slug, ListRequest request) {
        MailingList list = find(slug);
        if (!slug.equals(request.slug()) && MailingList.findBySlug(request.slug()).isPresent()) {
            throw new ConflictException("A list with the slug '" + request.slug() + "' exists already");
        }
        apply(list, request);
        changed.fire(new PublicLists.Changed());
        return get(list.slug);
    }

    /** Archives or restores a list; public forms and the API stop (or start again) offering it at once. */
    public ListView archive(String slug, boolean archived) {
        MailingList list = find(slug);
        if (archived) {
            list.archive();
        } else {
            list.restore();
        }
        changed.fire(new PublicLists.Changed());
        return get(slug);
    }

    public void delete(String slug) {
        MailingList list = find(slug);
        if (Panache.getEntityManager().createQuery("select count(d) from Digest d where d.list = ?1", Long.class)
                .setParameter(1, list).getSingleResult() > 0) {
            throw new ConflictException("The list has digests, which are kept as a record; it cannot be deleted");
        }
        list.delete();
        changed.fire(new PublicLists.Changed());
    }

    public MailingList find(String slug) {
        return MailingList.findBySlug(slug).orElseThrow(() -> new NotFoundException("No list with the slug '" + slug + "'"));
    }

    private static void apply(MailingList list, ListRequest request) {
        list.slug = request.slug();
        list.name = request.name().strip();
        list.description = request.description() == null ? "" : request.description().strip();
        if (request.isPublic() != null) {
            list.isPublic = request.isPublic();
        }
        if (request.optIn() != null) {
            list.optIn = OptInMode.fromCode(request.optIn()).orElseThrow();
        }
        ListRequest.DigestSchedule schedule = request.digestSchedule();
        if (schedule == null) {
            list.digestCron = null;
            list.digestZone = null;
            list.digestSubject = null;
        } else {
            String cron = schedule.cron().strip();
            String zone = schedule.zone() == null || schedule.zone().isBlank() ? "UTC" : schedule.zone().strip();
            DigestSchedules.check(cron, zone);
            if (!cron.equals(list.digestCron) || !zone.equals(list.digestZone)) {
                list.digestLastRun = null; // a new schedule starts from now, it does not catch up
            }
            list.digestCron = cron;
            list.digestZone = zone;
            list.digestSubject = schedule.subject() == null || schedule.subject().isBlank() ? null : schedule.subject().strip();
        }
    }

    private static Map<Long, ListView.Counts> counts() {
        List<Object[]> rows = Panache.getEntityManager().createQuery(
                "select s.list.id, s.status, count(s) from Subscription s group by s.list.id, s.status", Object[].class)
                .getResultList();
        Map<Long, long[]> byList = new HashMap<>();
        for (Object[] row : rows) {
            long[] c = byList.computeIfAbsent((Long) row[0], k -> new long[3]);
            c[((Enum<?>) row[1]).ordinal()] = (Long) row[2];
        }
        Map<Long, ListView.Counts> result = new HashMap<>();
        byList.forEach((id, c) -> result.put(id, new ListView.Counts(c[0], c[1], c[2])));
        return result;
    }
}
