package org.newsletter.articles;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Polls due feeds on every instance; the claim in {@link FeedService#pollDue} makes each due feed
 * polled by exactly one of them.
 */
@ApplicationScoped
public class FeedPoller {

    private static final Logger LOG = Logger.getLogger(FeedPoller.class);

    private final FeedService feeds;

    FeedPoller(FeedService feeds) {
        this.feeds = feeds;
    }

    @Scheduled(every = "${newsletter.feeds.check-interval}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void pollDueFeeds() {
        try {
            while (feeds.pollDue(5) == 5) {
                // more were due: keep going
            }
        } catch (RuntimeException e) {
            LOG.warn("Polling feeds stopped early; the next run continues", e);
        }
    }
}
