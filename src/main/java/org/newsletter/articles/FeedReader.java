package org.newsletter.articles;

import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEnclosure;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndLink;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.newsletter.common.NewsletterConfig;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Fetches a feed over HTTP within a time and size budget and parses it with Rome (RSS 0.9x/1.0/2.0, Atom;
 * doctypes refused). Any failure comes back as a {@link FeedFailure} with a message an editor can act on.
 */
@ApplicationScoped
public class FeedReader {

    /** The feed could not be read; the message says why. */
    public static class FeedFailure extends Exception {
        public FeedFailure(String message) {
            super(message);
        }
    }

    public record Fetched(String title, List<FeedItem> items) {
    }

    private static final int SUMMARY_TEXT_LIMIT = 1000;

    private final HttpClient http;
    private final Duration timeout;
    private final int maxBytes;
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "feed-watchdog");
        t.setDaemon(true);
        return t;
    });

    FeedReader(NewsletterConfig config) {
        this.timeout = config.feeds().timeout();
        this.maxBytes = config.feeds().maxBytes();
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    void shutdown(@Observes ShutdownEvent event) {
        watchdog.shutdownNow();
    }

    public Fetched read(String url) throws FeedFailure {
        return parse(fetch(url));
    }

    byte[] fetch(String url) throws FeedFailure {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                .header("Accept", "application/rss+xml, application/atom+xml, application/rdf+xml, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.1")
                .header("User-Agent", "newsletter-feed-reader")
                .GET().build();
        HttpResponse<InputStream> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpTimeoutException e) {
            throw new FeedFailure("The feed did not answer within " + timeout.toSeconds() + " s");
        } catch (IOException e) {
            throw new FeedFailure("The feed could not be fetched: " + describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FeedFailure("Fetching the feed was interrupted");
        }
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw new FeedFailure("The feed answered HTTP " + response.statusCode());
            }
            long declared = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            if (declared > maxBytes) {
                throw new FeedFailure("The feed is larger than " + maxBytes + " bytes");
            }
            return readLimited(body);
        } catch (IOException e) {
            throw new FeedFailure("The feed could not be read: " + describe(e));
        }
    }

    /** Reads at most {@code maxBytes}, and gives up (closing the stream) when the whole read takes too long. */
    private byte[] readLimited(InputStream body) throws FeedFailure, IOException {
        AtomicBoolean timedOut = new AtomicBoolean();
        ScheduledFuture<?> alarm = watchdog.schedule(() -> {
            timedOut.set(true);
            try {
                body.close();
            } catch (IOException ignored) {
                // the reader sees the closed stream
            }
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[16 * 1024];
            int n;
            while ((n = body.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
                if (out.size() > maxBytes) {
                    throw new FeedFailure("The feed is larger than " + maxBytes + " bytes");
                }
            }
            return out.toByteArray();
        } catch (IOException e) {
            if (timedOut.get()) {
                throw new FeedFailure("The feed did not arrive within " + timeout.toSeconds() + " s");
            }
            throw e;
        } finally {
            alarm.cancel(false);
        }
    }

    Fetched parse(byte[] document) throws FeedFailure {
        SyndFeed feed;
        try {
            SyndFeedInput input = new SyndFeedInput(false, Locale.ROOT);
            input.setAllowDoctypes(false);
            feed = input.build(new XmlReader(new ByteArrayInputStream(document)));
        } catch (FeedException | IllegalArgumentException e) {
            throw new FeedFailure("The document is not a valid RSS or Atom feed: " + describe(e));
        } catch (IOException e) {
            throw new FeedFailure("The feed could not be decoded: " + describe(e));
        }
        List<FeedItem> items = new ArrayList<>();
        for (SyndEntry entry : feed.getEntries()) {
            FeedItem item = item(entry);
            if (item != null) {
                items.add(item);
            }
        }
        return new Fetched(feed.getTitle() == null ? null : Html.text(feed.getTitle()), items);
    }

    /** An entry without an http(s) link or a title cannot become an article; it is left out. */
    private static FeedItem item(SyndEntry entry) {
        String link = link(entry);
        if (link == null) {
            return null;
        }
        String title = Html.shorten(Html.text(entry.getTitle()), 500);
        if (title.isEmpty()) {
            return null;
        }
        String guid = entry.getUri() == null || entry.getUri().isBlank() ? link : entry.getUri().strip();
        String summary = summary(entry);
        String author = entry.getAuthor() == null || entry.getAuthor().isBlank() ? null : Html.shorten(Html.text(entry.getAuthor()), 200);
        Date date = entry.getPublishedDate() != null ? entry.getPublishedDate() : entry.getUpdatedDate();
        return new FeedItem(Html.shorten(guid, 2000), link, title, summary, author, image(entry),
                date == null ? null : date.toInstant());
    }

    private static String link(SyndEntry entry) {
        List<String> candidates = new ArrayList<>();
        candidates.add(entry.getLink());
        for (SyndLink l : entry.getLinks()) {
            if (l.getRel() == null || "alternate".equals(l.getRel())) {
                candidates.add(l.getHref());
            }
        }
        for (String candidate : candidates) {
            if (candidate != null) {
                String url = candidate.strip();
                if ((url.startsWith("https://") || url.startsWith("http://")) && url.length() <= 2000 && !url.contains(" ")) {
                    return url;
                }
            }
        }
        return null;
    }

    /** The description (or else the first content), sanitized, cut to a summary's length. */
    private static String summary(SyndEntry entry) {
        SyndContent content = entry.getDescription();
        if ((content == null || content.getValue() == null) && !entry.getContents().isEmpty()) {
            content = entry.getContents().get(0);
        }
        if (content == null || content.getValue() == null) {
            return "";
        }
        String value = content.getValue();
        boolean html = content.getType() == null || content.getType().contains("html");
        String safe = html ? Html.sanitize(value) : org.jsoup.nodes.Entities.escape(value);
        if (Html.text(safe).length() > SUMMARY_TEXT_LIMIT) {
            // too long to keep its markup: keep the text
            safe = org.jsoup.nodes.Entities.escape(Html.shorten(Html.text(safe), SUMMARY_TEXT_LIMIT));
        }
        return safe;
    }

    private static String image(SyndEntry entry) {
        for (SyndEnclosure enclosure : entry.getEnclosures()) {
            String type = enclosure.getType();
            String url = enclosure.getUrl();
            if (type != null && type.startsWith("image/") && url != null && url.matches("^https?://\\S+$") && url.length() <= 2000) {
                return url;
            }
        }
        return null;
    }

    private static String describe(Exception e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return e.getClass().getSimpleName();
        }
        message = message.replaceAll("\\s+", " ").strip();
        return message.length() > 300 ? message.substring(0, 300) : message;
    }

    static Instant orNow(Instant published, Instant now) {
        return published == null || published.isAfter(now) ? now : published;
    }
}
