package org.newsletter.subscription.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import org.newsletter.common.RequestOrigins;
import org.newsletter.subscription.SubscriptionService;

import java.util.List;

/**
 * The link in the confirmation mail. GET only shows a button (mail scanners fetch links); the POST of
 * that button confirms, idempotently.
 */
@Path("/confirm/{token}")
@Produces(MediaType.TEXT_HTML)
public class ConfirmPage {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance ask(List<String> lists);

        static native TemplateInstance done(List<String> lists);
    }

    private final SubscriptionService subscriptions;

    ConfirmPage(SubscriptionService subscriptions) {
        this.subscriptions = subscriptions;
    }

    @GET
    public TemplateInstance ask(@PathParam("token") String token) {
        return Templates.ask(subscriptions.listsOfConfirmation(token));
    }

    @POST
    public TemplateInstance confirm(@PathParam("token") String token, @Context HttpServerRequest request) {
        return Templates.done(subscriptions.confirm(token, RequestOrigins.of(request)));
    }
}
