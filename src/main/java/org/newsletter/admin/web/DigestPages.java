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
import org.newsletter.articles.ArticleService;
import org.newsletter.articles.ArticleView;
import org.newsletter.digests.DeliveryView;
import org.newsletter.digests.DigestClicks;
import org.newsletter.digests.DigestRequest;
import org.newsletter.digests.DigestService;
import org.newsletter.digests.DigestView;
import org.newsletter.lists.ListView;
import org.newsletter.lists.MailingListService;

import java.net.URI;
import java.util.List;

/** Composing, previewing, testing, sending and watching digests in the browser. */
@Path("/admin/digests")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({AdminAccount.ADMIN, AdminAccount.EDITOR})
public class DigestPages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(List<ListView> lists, List<ArticleView> articles, List<DigestView> digests);

        static native TemplateInstance detail(DigestView digest, List<DeliveryView> failures, long retryable,
                                              List<DigestClicks.ArticleClicks> clicks, boolean tested);
    }

    private final DigestService digests;
    private final MailingListService lists;
    private final ArticleService articles;
    private final Validator validator;
    private final DigestClicks clicks;

    DigestPages(DigestService digests, MailingListService lists, ArticleService articles, Validator validator,
                DigestClicks clicks) {
        this.clicks = clicks;
        this.digests = digests;
        this.lists = lists;
        this.articles = articles;
        this.validator = validator;
    }

    @GET
    public TemplateInstance list() {
        return Templates.list(lists.all(), articles.page(null, 0).items(), digests.recent(null, 50));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response compose(@RestForm String list, @RestForm String subject, @RestForm("article") List<Long> articleIds) {
        DigestView created = digests.create(Forms.checked(validator, new DigestRequest(list == null ? "" : list,
                subject == null ? "" : subject, articleIds == null || articleIds.isEmpty() ? null : articleIds)));
        return Response.seeOther(URI.create("/admin/digests/" + created.id())).build();
    }

    @GET
    @Path("{id}")
    public TemplateInstance detail(@PathParam("id") long id, @QueryParam("tested") String tested) {
        DigestView digest = digests.get(id);
        long retryable = digest.failed() > 0 ? digests.retryableFailures(id) : 0;
        return Templates.detail(digest, digests.deliveries(id, "failed", 0), retryable, clicks.of(id), tested != null);
    }

    @POST
    @Path("{id}/test")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response test(@PathParam("id") long id, @RestForm String email) {
        digests.sendTest(id, email);
        return Response.seeOther(URI.create("/admin/digests/" + id + "?tested=1")).build();
    }

    @POST
    @Path("{id}/send")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response send(@PathParam("id") long id) {
        digests.send(id);
        return back(id);
    }

    @POST
    @Path("{id}/pause")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response pause(@PathParam("id") long id) {
        digests.pause(id);
        return back(id);
    }

    @POST
    @Path("{id}/resume")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response resume(@PathParam("id") long id) {
        digests.resume(id);
        return back(id);
    }

    @POST
    @Path("{id}/cancel")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response cancel(@PathParam("id") long id) {
        digests.cancel(id);
        return back(id);
    }

    @POST
    @Path("{id}/retry-failed")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response retryFailed(@PathParam("id") long id) {
        digests.retryFailed(id);
        return back(id);
    }

    private static Response back(long id) {
        return Response.seeOther(URI.create("/admin/digests/" + id)).build();
    }
}
