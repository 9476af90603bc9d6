package org.newsletter.digests;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;
import org.newsletter.common.LinkTokens;
import org.newsletter.common.NewsletterConfig;

import java.util.List;
import java.util.Optional;

/**
 * Anonymous click counting: an article link in a digest names the digest and the article, never the
 * reader, so what is learnt is how often each article of each digest was opened from the mail. Link
 * scanners that follow every link in a mail are counted too; the figures are an upper bound.
 */
@ApplicationScoped
@Transactional
public class DigestClicks {

    /** How often one article of a digest was opened from it. */
    public record ArticleClicks(long articleId, String title, String url, long clicks) {
    }

    private final EntityManager em;
    private final LinkTokens tokens;
    private final CampaignTags campaign;

    DigestClicks(EntityManager em, LinkTokens tokens, NewsletterConfig config) {
        this.em = em;
        this.tokens = tokens;
        this.campaign = new CampaignTags(config.digest().utmSource());
    }

    /** Where a click link leads, counting the click; empty for a link that is not one of ours. */
    public Optional<String> follow(String token) {
        Optional<LinkTokens.Click> click = tokens.verifyClick(token);
        Optional<String> url = click.flatMap(this::target);
        url.ifPresent(u -> em.createNativeQuery("""
                        insert into digest_clicks (digest_id, article_id, clicks) values (?1, ?2, 1)
                        on conflict (digest_id, article_id)
                        do update set clicks = digest_clicks.clicks + 1, last_click = now()
                        """)
                .setParameter(1, click.get().digestId()).setParameter(2, click.get().articleId()).executeUpdate());
        return url;
    }

    /** Where a click link leads, without counting (a HEAD request). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<String> peek(String token) {
        return tokens.verifyClick(token).flatMap(this::target);
    }

    /** The article's URL, with the campaign tags of the digest's list when they are configured. */
    private Optional<String> target(LinkTokens.Click click) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        select a.url, l.slug from digest_articles da
                          join articles a on a.id = da.article_id
                          join digests d on d.id = da.digest_id join mailing_lists l on l.id = d.list_id
                         where da.digest_id = ?1 and da.article_id = ?2
                        """)
                .setParameter(1, click.digestId()).setParameter(2, click.articleId()).getResultList();
        return rows.stream().findFirst().map(r -> campaign.tag((String) r[0], (String) r[1]));
    }

    /** The digest's articles in their order, each with its clicks (0 when none yet); 404 for no such digest. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<ArticleClicks> of(long digestId) {
        if (Digest.findByIdOptional(digestId).isEmpty()) {
            throw new NotFoundException("No digest " + digestId);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        select a.id, a.title, a.url, coalesce(c.clicks, 0)
                          from digest_articles da join articles a on a.id = da.article_id
                          left join digest_clicks c on c.digest_id = da.digest_id and c.article_id = da.article_id
                         where da.digest_id = ?1 order by da.position
                        """)
                .setParameter(1, digestId).getResultList();
        return rows.stream().map(r -> new ArticleClicks(((Number) r[0]).longValue(), (String) r[1], (String) r[2],
                ((Number) r[3]).longValue())).toList();
    }
}
