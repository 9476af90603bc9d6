package org.newsletter.articles;

import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;
import org.newsletter.common.ConflictException;
import org.newsletter.common.FieldError;
import org.newsletter.common.InputRules;
import org.newsletter.common.InvalidInputException;
import org.newsletter.lists.MailingList;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Articles added, listed and removed by editors. */
@ApplicationScoped
@Transactional
public class ArticleService {

    public static final int PAGE_SIZE = 50;

    private final Clock clock;

    ArticleService(Clock clock) {
        this.clock = clock;
    }

    public ArticleView create(ArticleRequest request) {
        Set<MailingList> lists = resolveLists(request.lists(), "lists");
        String url = request.url().strip();
        Article.findByUrl(url).ifPresent(existing -> {
            throw new ConflictException("An article with this URL exists already (id " + existing.id + ")");
        });
        Article article = new Article();
        article.url = url;
        article.title = Html.text(request.title());
        if (article.title.isEmpty()) {
            throw new InvalidInputException("title", "The title has no visible text");
        }
        article.summary = Html.sanitize(request.summary());
        article.author = blankToNull(request.author());
        article.imageUrl = blankToNull(request.imageUrl());
        article.publishedAt = request.publishedAt() == null ? clock.instant() : request.publishedAt();
        article.createdAt = clock.instant();
        article.lists = lists;
        article.persist();
        return ArticleView.of(article);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public ArticleView.Page page(String listSlug, int page) {
        InputRules.checkPage(page, PAGE_SIZE);
        var query = listSlug == null || listSlug.isBlank()
                ? Article.<Article>find("order by publishedAt desc, id desc")
                : Article.<Article>find("select a from Article a join a.lists l where l.slug = :slug order by a.publishedAt desc, a.id desc",
                Parameters.with("slug", listSlug));
        if (listSlug != null && !listSlug.isBlank() && MailingList.findBySlug(listSlug).isEmpty()) {
            throw new InvalidInputException("list", "There is no list '" + listSlug + "'");
        }
        List<ArticleView> items = query.page(Page.of(page, PAGE_SIZE)).list().stream().map(ArticleView::of).toList();
        return new ArticleView.Page(items, page, PAGE_SIZE, query.count());
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public ArticleView get(long id) {
        return ArticleView.of(find(id));
    }

    public void delete(long id) {
        Article article = find(id);
        long inDigests = Article.getEntityManager()
                .createNativeQuery("select count(*) from digest_articles where article_id = ?1", Long.class)
                .setParameter(1, id).getSingleResult() instanceof Number n ? n.longValue() : 0;
        if (inDigests > 0) {
            throw new ConflictException("The article is part of a digest and is kept as its record");
        }
        article.delete();
    }

    private static Article find(long id) {
        return Article.<Article>findByIdOptional(id).orElseThrow(() -> new NotFoundException("No article " + id));
    }

    /** The lists named by slug; every unknown slug is reported under {@code field}. */
    public static Set<MailingList> resolveLists(List<String> slugs, String field) {
        Set<MailingList> lists = new LinkedHashSet<>();
        List<FieldError> errors = new ArrayList<>();
        for (String slug : slugs) {
            MailingList.findBySlug(slug.strip()).ifPresentOrElse(lists::add,
                    () -> errors.add(new FieldError(field, "There is no list '" + slug + "'")));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return lists;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
