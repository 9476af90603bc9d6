package org.newsletter.subscription.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestForm;
import jakarta.ws.rs.core.Response;
import org.newsletter.common.InvalidLinkException;
import org.newsletter.common.LinkTokens;
import org.newsletter.common.RequestOrigins;
import org.newsletter.subscription.ReaderData;
import org.newsletter.subscription.SubscriptionService;
import org.newsletter.subscription.SubscriptionService.ListChoice;

import java.util.List;
import java.util.UUID;

/** A reader sees and changes their lists, or leaves them all. */
@Path("/preferences/{token}")
@Produces(MediaType.TEXT_HTML)
public class PreferencesPage {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance edit(List<ListChoice> choices, boolean saved, String exportUrl, String eraseUrl);

        static native TemplateInstance erased();
    }

    private final SubscriptionService subscriptions;
    private final ReaderData readerData;
    private final LinkTokens tokens;

    PreferencesPage(SubscriptionService subscriptions, ReaderData readerData, LinkTokens tokens) {
        this.subscriptions = subscriptions;
        this.readerData = readerData;
        this.tokens = tokens;
    }

    /** Everything we store about the reader, as a JSON download (right of access). */
    @GET
    @Path("export")
    @Produces(MediaType.APPLICATION_JSON)
    public Response export(@PathParam("token") String token) {
        UUID reader = reader(token);
        return Response.ok(readerData.export(reader))
                .header("Content-Disposition", "attachment; filename=\"my-newsletter-data.json\"").build();
    }

    /** Erases the reader's data (right to erasure); the address stays only as a hash that keeps it suppressed. */
    @POST
    @Path("erase")
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.MULTIPART_FORM_DATA})
    public TemplateInstance erase(@PathParam("token") String token) {
        readerData.erase(reader(token));
        return Templates.erased();
    }

    private UUID reader(String token) {
        return tokens.verify(token, LinkTokens.Purpose.PREFERENCES).map(LinkTokens.Claims::subscriber)
                .orElseThrow(() -> new InvalidLinkException());
    }

    @GET
    public TemplateInstance edit(@PathParam("token") String token) {
        return Templates.edit(subscriptions.preferences(token), false, "/preferences/" + token + "/export", "/preferences/" + token + "/erase");
    }

    @POST
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.MULTIPART_FORM_DATA})
    public TemplateInstance save(@PathParam("token") String token, @RestForm("list") List<String> lists,
                                 @RestForm String action, @Context HttpServerRequest request) {
        List<String> wanted = "unsubscribe-all".equals(action) || lists == null ? List.of() : lists;
        return Templates.edit(subscriptions.updatePreferences(token, wanted, RequestOrigins.of(request)), true,
                "/preferences/" + token + "/export", "/preferences/" + token + "/erase");
    }
}
