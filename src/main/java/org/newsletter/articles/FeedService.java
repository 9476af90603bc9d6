package org.newsletter.articles;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;
import org.jboss.logging.Logger;
import org.newsletter.common.ConflictException;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Feeds and their polling. A poll fetches outside any transaction, then stores new items and the outcome
 * in one; items already known (same link, or same GUID from the same feed) are left alone.
 */
@ApplicationScoped
public class FeedService {

    private static final Logger LOG = Logger.getLogger(FeedService.class);

    private final FeedReader reader;
    private final EntityManager em;
    private final Clock clock;

    FeedService(FeedReader reader, EntityManager em, Clock clock) {
        this.reader = reader;
        this.em = em;
        this.clock = clock;
    }

    @Transactional
    public FeedView create(FeedRequest request) {
        String url = request.url().strip();
        if (Feed.count("url", url) > 0) {
            throw new ConflictException("This feed is registered already");
        }
        Feed feed = new Feed();
        feed.url = url;
        feed.lists = ArticleService.resolveLists(request.lists(), "lists");
        feed.pollMinutes = request.pollMinutes() == null ? 60 : request.pollMinutes();
        feed.createdAt = clock.instant();
        feed.nextPollAt = feed.createdAt;
        feed.persist();
        return FeedView.of(feed);
    }

    @Transactional
    public List<FeedView> all() {
        return Feed.<Feed>list("order by id").stream().map(FeedView::of).toList();
    }

    @Transactional
    public FeedView get(long id) {
        return FeedView.of(find(id));
    }

    @Transactional
    public void delete(long id) {
        find(id).delete();
    }

    /** Polls one feed now, whatever its schedule, and reports how many articles were new. */
    public FeedView pollNow(long id) {
        String url = QuarkusTransaction.requiringNew().call(() -> find(id).url);
        return poll(id, url);
    }

    /** Polls every feed that is due; feeds another instance is polling are skipped, not waited for. */
    public int pollDue(int limit) {
        List<Object[]> due = QuarkusTransaction.requiringNew().call(() -> claimDue(limit));
        for (Object[] feed : due) {
            poll(((Number) feed[0]).longValue(), (String) feed[1]);
        }
        return due.size();
    }

    /**
     * Takes due feeds for this instance by moving their next poll ahead (committed before fetching),
     * so another instance's poller skips them; the real next time is set when the poll is recorded.
     */
    @SuppressWarnings("unchecked")
    private List<Object[]> claimDue(int limit) {
        return em.createNativeQuery("""
                        update feeds set next_poll_at = now() + interval '10 minutes'
                         where id in (select id from feeds where next_poll_at <= now()
                                       order by next_poll_at limit ?1 for update skip locked)
                        returning id, url
                        """)
                .setParameter(1, limit).getResultList();
    }

    private FeedView poll(long id, String url) {
        FeedReader.Fetched fetched = null;
        String error = null;
        try {
            fetched = reader.read(url);
        } catch (FeedReader.FeedFailure e) {
            error = e.getMessage();
        } catch (RuntimeException e) {
            error = "The feed could not be processed: " + e.getClass().getSimpleName();
            LOG.warnf(e, "Feed %d could not be processed", id);
        }
        FeedReader.Fetched result = fetched;
        String failure = error;
        return QuarkusTransaction.requiringNew().call(() -> record(id, result, failure));
    }

    private FeedView record(long id, FeedReader.Fetched fetched, String error) {
        Feed feed = Feed.findById(id);
        if (feed == null) {
            throw new NotFoundException("No feed " + id);
        }
        Instant now = clock.instant();
        if (error != null) {
            feed.failed(now, error);
            LOG.infof("Feed %d failed (%d in a row): %s", id, feed.consecutiveFailures, error);
            return FeedView.of(feed, 0);
        }
        int added = store(feed, fetched.items(), now);
        feed.succeeded(now, fetched.title());
        LOG.infof("Feed %d polled: %d item(s), %d new", id, fetched.items().size(), added);
        return FeedView.of(feed, added);
    }

    /**
     * Inserts the items not known yet and links every item of the feed to the feed's lists (an article
     * another feed or the API brought in joins these lists too). Returns how many articles are new.
     */
    private int store(Feed feed, List<FeedItem> items, Instant now) {
        List<Long> listIds = feed.lists.stream().map(l -> l.id).toList();
        List<Long> articleIds = new ArrayList<>();
        Set<String> seenGuids = new HashSet<>();
        int created = 0;
        for (FeedItem item : items) {
            if (!seenGuids.add(item.guid())) {
                continue; // the same entry twice in one document
            }
            @SuppressWarnings("unchecked")
            List<Object> ids = em.createNativeQuery("""
                            insert into articles (url, feed_id, guid, title, summary, author, image_url, published_at, created_at)
                            values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
                            on conflict do nothing
                            returning id
                            """)
                    .setParameter(1, item.url()).setParameter(2, feed.id).setParameter(3, item.guid())
                    .setParameter(4, item.title()).setParameter(5, item.summary()).setParameter(6, item.author())
                    .setParameter(7, item.imageUrl()).setParameter(8, FeedReader.orNow(item.publishedAt(), now))
                    .setParameter(9, now)
                    .getResultList();
            if (ids.isEmpty()) {
                @SuppressWarnings("unchecked")
                List<Object> known = em.createNativeQuery("""
                                select id from articles where url = ?1 or (feed_id = ?2 and guid = ?3) limit 1
                                """)
                        .setParameter(1, item.url()).setParameter(2, feed.id).setParameter(3, item.guid()).getResultList();
                known.forEach(i -> articleIds.add(((Number) i).longValue()));
            } else {
                created++;
                articleIds.add(((Number) ids.get(0)).longValue());
            }
        }
        if (!articleIds.isEmpty() && !listIds.isEmpty()) {
            em.createNativeQuery("""
                            insert into article_lists (list_id, article_id)
                            select l, a from unnest(cast(?1 as bigint[])) l, unnest(cast(?2 as bigint[])) a
                            on conflict do nothing
                            """)
                    .setParameter(1, listIds.toArray(Long[]::new)).setParameter(2, articleIds.toArray(Long[]::new))
                    .executeUpdate();
        }
        return created;
    }

    private static Feed find(long id) {
        return Feed.<Feed>findByIdOptional(id).orElseThrow(() -> new NotFoundException("No feed " + id));
    }
}
