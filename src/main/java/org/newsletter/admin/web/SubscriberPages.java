package org.newsletter.admin.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
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
import org.newsletter.lists.ListView;
import org.newsletter.lists.MailingListService;
import org.newsletter.subscription.ReaderData;
import org.newsletter.subscription.admin.SubscriberActions;
import org.newsletter.subscription.admin.SubscriberQueries;
import org.newsletter.subscription.admin.SubscriberViews;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Finding readers and looking after one: lists, consent history, digests received, block, unsubscribe, export, erase. */
@Path("/admin/subscribers")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({AdminAccount.ADMIN, AdminAccount.EDITOR})
public class SubscriberPages {

    private static final int PAGE_SIZE = 50;
    private static final List<String> STATUSES = List.of("pending", "confirmed", "unsubscribed", "active", "blocklisted");

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance search(SubscriberViews.Page result, List<ListView> lists, List<String> statuses,
                                              String q, String list, String status, boolean hasNext, String prevUrl, String nextUrl);

        static native TemplateInstance detail(ReaderData.Export data, boolean admin);
    }

    private final SubscriberQueries queries;
    private final SubscriberActions actions;
    private final ReaderData readerData;
    private final MailingListService lists;
    private final SecurityIdentity identity;

    SubscriberPages(SubscriberQueries queries, SubscriberActions actions, ReaderData readerData, MailingListService lists,
                    SecurityIdentity identity) {
        this.queries = queries;
        this.actions = actions;
        this.readerData = readerData;
        this.lists = lists;
        this.identity = identity;
    }

    @GET
    public TemplateInstance search(@QueryParam("q") String q, @QueryParam("list") String list,
                                   @QueryParam("status") String status, @QueryParam("page") @DefaultValue("0") int page) {
        String l = blankToNull(list);
        String s = blankToNull(status);
        SubscriberViews.Page result = queries.search(l, s, blankToNull(q), Math.max(page, 0), PAGE_SIZE);
        boolean hasNext = (long) (result.page() + 1) * result.size() < result.total();
        return Templates.search(result, lists.all(), STATUSES, q, l, s, hasNext,
                url(q, l, s, result.page() - 1), url(q, l, s, result.page() + 1));
    }

    @GET
    @Path("{id}")
    public TemplateInstance detail(@PathParam("id") String id) {
        return Templates.detail(readerData.export(ReaderData.parseId(id)), identity.hasRole(AdminAccount.ADMIN));
    }

    @POST
    @Path("{id}/block")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(AdminAccount.ADMIN)
    public Response block(@PathParam("id") String id) {
        actions.block(ReaderData.parseId(id));
        return Response.seeOther(URI.create("/admin/subscribers/" + id)).build();
    }

    @POST
    @Path("{id}/unsubscribe")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(AdminAccount.ADMIN)
    public Response unsubscribe(@PathParam("id") String id, @RestForm String list) {
        actions.unsubscribe(ReaderData.parseId(id), list == null ? "" : list);
        return Response.seeOther(URI.create("/admin/subscribers/" + id)).build();
    }

    @POST
    @Path("{id}/erase")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(AdminAccount.ADMIN)
    public Response erase(@PathParam("id") String id) {
        readerData.erase(ReaderData.parseId(id));
        return Response.seeOther(URI.create("/admin/subscribers")).build();
    }

    private static String url(String q, String list, String status, int page) {
        return "/admin/subscribers?q=" + enc(q) + "&list=" + enc(list) + "&status=" + enc(status) + "&page=" + page;
    }

    private static String enc(String s) {
        return s == null ? "" : URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
