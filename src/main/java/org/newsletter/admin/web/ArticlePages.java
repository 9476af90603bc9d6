package org.newsletter.admin.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Validator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestForm;
import org.newsletter.admin.AdminAccount;
import org.newsletter.articles.ArticleRequest;
import org.newsletter.articles.ArticleService;
import org.newsletter.articles.ArticleView;
import org.newsletter.articles.FeedRequest;
import org.newsletter.articles.FeedService;
import org.newsletter.articles.FeedView;
import org.newsletter.common.InvalidInputException;
import org.newsletter.lists.ListView;
import org.newsletter.lists.MailingListService;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Articles and feeds in the browser: list, add, remove, poll now, and each feed's last error. */
@Path("/admin/articles")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({AdminAccount.ADMIN, AdminAccount.EDITOR})
public class ArticlePages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(List<FeedView> feeds, List<ArticleView> articles, List<ListView> lists, String polled);
    }

    private final ArticleService articles;
    private final FeedService feeds;
    private final MailingListService lists;
    private final Validator validator;

    ArticlePages(ArticleService articles, FeedService feeds, MailingListService lists, Validator validator) {
        this.articles = articles;
        this.feeds = feeds;
        this.lists = lists;
        this.validator = validator;
    }

    @GET
    public TemplateInstance list(@QueryParam("polled") String polled) {
        return Templates.list(feeds.all(), articles.page(null, 0).items(), lists.all(), polled);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response addArticle(@RestForm String title, @RestForm String url, @RestForm String summary,
                               @RestForm("list") List<String> listSlugs) {
        articles.create(checked(new ArticleRequest(title, url == null ? null : url.strip(), summary, null, null, null,
                listSlugs == null ? List.of() : listSlugs)));
        return back(null);
    }

    @POST
    @Path("{id}/delete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response deleteArticle(@PathParam("id") long id) {
        articles.delete(id);
        return back(null);
    }

    @POST
    @Path("feeds")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response addFeed(@RestForm String url, @RestForm("list") List<String> listSlugs, @RestForm String pollMinutes) {
        Integer minutes;
        try {
            minutes = pollMinutes == null || pollMinutes.isBlank() ? null : Integer.valueOf(pollMinutes.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException("pollMinutes", "Give the poll interval in whole minutes");
        }
        feeds.create(checked(new FeedRequest(url == null ? null : url.strip(), listSlugs == null ? List.of() : listSlugs, minutes)));
        return back(null);
    }

    @POST
    @Path("feeds/{id}/poll")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response poll(@PathParam("id") long id) {
        FeedView feed = feeds.pollNow(id);
        return back(feed.lastError() == null ? feed.newArticles() + " new article(s) from " + (feed.title() == null ? feed.url() : feed.title())
                : "Polling failed: " + feed.lastError());
    }

    @POST
    @Path("feeds/{id}/delete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response deleteFeed(@PathParam("id") long id) {
        feeds.delete(id);
        return back(null);
    }

    private static Response back(String message) {
        return Response.seeOther(URI.create("/admin/articles"
                + (message == null ? "" : "?polled=" + URLEncoder.encode(message, StandardCharsets.UTF_8)))).build();
    }

    private <T> T checked(T request) {
        return Forms.checked(validator, request);
    }
}
