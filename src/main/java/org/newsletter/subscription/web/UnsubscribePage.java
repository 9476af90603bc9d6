package org.newsletter.subscription.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.newsletter.subscription.SubscriptionService;

import java.util.List;

/**
 * The unsubscribe link: GET shows one button and changes nothing. The POST (the button, or a mail
 * client's RFC 8058 one-click) is answered by {@link OneClickUnsubscribeRoute}, outside the form CSRF
 * filter, since a mail client sends no cookie: the signed token in the URL is what authorizes it.
 */
@Path("/unsubscribe/{token}")
@Produces(MediaType.TEXT_HTML)
public class UnsubscribePage {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance ask(List<String> lists);

        static native TemplateInstance done(List<String> lists);
    }

    private final SubscriptionService subscriptions;

    UnsubscribePage(SubscriptionService subscriptions) {
        this.subscriptions = subscriptions;
    }

    @GET
    public TemplateInstance ask(@PathParam("token") String token) {
        return Templates.ask(subscriptions.listsOfUnsubscribe(token));
    }

    static String done(List<String> lists) {
        return Templates.done(lists).render();
    }
}
