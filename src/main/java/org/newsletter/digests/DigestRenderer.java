package org.newsletter.digests;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;
import org.newsletter.articles.Html;
import org.newsletter.common.LinkTokens;
import org.newsletter.common.Links;
import org.newsletter.common.NewsletterConfig;
import org.newsletter.common.SqlValues;
import org.newsletter.mail.ListMailLinks;
import org.newsletter.mail.MailMessage;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * Renders a digest for one reader: HTML and text from the same data, the reader's name, the footer with
 * the list-scoped unsubscribe link and the preferences link, and the list headers (RFC 8058, RFC 2919).
 */
@ApplicationScoped
public class DigestRenderer {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final int SUMMARY_TEXT = 600;

    @CheckedTemplate(basePath = "mail")
    static class Templates {
        static native TemplateInstance digestArticlesHtml(List<DigestContent.Item> articles);

        static native TemplateInstance digestArticlesText(List<DigestContent.Item> articles);

        static native TemplateInstance digestHtml(String site, String list, String subject, String name,
                                                  String articles, String unsubscribeUrl, String preferencesUrl);

        static native TemplateInstance digestText(String site, String list, String subject, String name,
                                                  String articles, String unsubscribeUrl, String preferencesUrl);
    }

    private final EntityManager em;
    private final ListMailLinks listLinks;
    private final LinkTokens tokens;
    private final Links links;
    private final boolean trackClicks;
    private final CampaignTags campaign;
    private final String site;
    private final String from;

    DigestRenderer(EntityManager em, ListMailLinks listLinks, LinkTokens tokens, Links links, NewsletterConfig config) {
        this.em = em;
        this.listLinks = listLinks;
        this.tokens = tokens;
        this.links = links;
        this.trackClicks = config.digest().trackClicks();
        this.campaign = new CampaignTags(config.digest().utmSource());
        this.site = config.siteName();
        this.from = config.mail().from();
    }

    /** The digest's shared content as readers get it, articles in their chosen order. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public DigestContent load(long digestId) {
        return load(digestId, trackClicks);
    }

    /** The same for an editor's eyes (preview, test copy): article links lead straight to the articles, uncounted. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public DigestContent loadForEditor(long digestId) {
        return load(digestId, false);
    }

    private DigestContent load(long digestId, boolean counted) {
        Digest digest = Digest.findById(digestId);
        if (digest == null) {
            throw new NotFoundException("No digest " + digestId);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        select a.title, a.url, a.summary, a.author, a.image_url, a.published_at, a.id
                          from digest_articles da join articles a on a.id = da.article_id
                         where da.digest_id = ?1 order by da.position
                        """)
                .setParameter(1, digestId).getResultList();
        List<DigestContent.Item> items = rows.stream().map(r -> {
            String summary = (String) r[2];
            String url = (String) r[1];
            String link = counted ? links.click(tokens.click(digestId, ((Number) r[6]).longValue()))
                    : campaign.tag(url, digest.list.slug);
            return new DigestContent.Item((String) r[0], url, link, summary,
                    Html.shorten(Html.text(summary), SUMMARY_TEXT), (String) r[3], (String) r[4], DATE.format(SqlValues.instant(r[5])));
        }).toList();
        return new DigestContent(digest.id, digest.list.id, digest.list.slug, digest.list.name, digest.subject,
                Templates.digestArticlesHtml(items).render(), Templates.digestArticlesText(items).render());
    }

    /** The message one reader gets. */
    public MailMessage message(DigestContent content, Recipient recipient) {
        ListMailLinks.Footer footer = listLinks.of(recipient.publicId(), content.listId(), content.listSlug(), content.listName());
        return new MailMessage(from, recipient.email(), content.subject(),
                Templates.digestHtml(site, content.listName(), content.subject(), recipient.name(), content.articlesHtml(),
                        footer.unsubscribeUrl(), footer.preferencesUrl()).render(),
                Templates.digestText(site, content.listName(), content.subject(), recipient.name(), content.articlesText(),
                        footer.unsubscribeUrl(), footer.preferencesUrl()).render(),
                footer.headers(), MailMessage.digestReference(content.digestId()));
    }

    /** Exactly what a reader gets, for a sample reader (its links lead to an "invalid link" page). */
    public String previewHtml(DigestContent content) {
        return message(content, sampleReader()).html();
    }

    static Recipient sampleReader() {
        return new Recipient(0, new java.util.UUID(0, 0), "reader@example.com", "Reader");
    }
}
