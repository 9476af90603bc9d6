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
import org.newsletter.common.RequestOrigins;
import org.newsletter.subscription.SubscriptionService;
import org.newsletter.subscription.SubscriptionService.ListChoice;

import java.util.List;

/** A reader sees and changes their lists, or leaves them all. */
@Path("/preferences/{token}")
@Produces(MediaType.TEXT_HTML)
public class PreferencesPage {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance edit(List<ListChoice> choices, boolean saved);
    }

    private final SubscriptionService subscriptions;

    PreferencesPage(SubscriptionService subscriptions) {
        this.subscriptions = subscriptions;
    }

    @GET
    public TemplateInstance edit(@PathParam("token") String token) {
        return Templates.edit(subscriptions.preferences(token), false);
    }

    @POST
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.MULTIPART_FORM_DATA})
    public TemplateInstance save(@PathParam("token") String token, @RestForm("list") List<String> lists,
                                 @RestForm String action, @Context HttpServerRequest request) {
        List<String> wanted = "unsubscribe-all".equals(action) || lists == null ? List.of() : lists;
        return Templates.edit(subscriptions.updatePreferences(token, wanted, RequestOrigins.of(request)), true);
    }
}
