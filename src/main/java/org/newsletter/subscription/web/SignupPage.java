package org.newsletter.subscription.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestForm;
import org.newsletter.common.InvalidInputException;
import org.newsletter.common.NewsletterConfig;
import org.newsletter.common.RequestOrigins;
import org.newsletter.lists.MailingList;
import org.newsletter.subscription.ConsentSource;
import org.newsletter.subscription.ConsentTexts;
import org.newsletter.subscription.RequestOrigin;
import org.newsletter.subscription.SignupCommand;
import org.newsletter.subscription.SignupRateLimiter;
import org.newsletter.subscription.SubscriptionService;

import java.net.URI;
import java.util.List;

/** The public signup form and the page after it. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class SignupPage {

    /**
     * A field people never see or fill (off screen, skipped by keyboard and screen readers, a name no
     * browser autofills) and form-filling bots do: a signup that fills it is answered as usual and dropped.
     */
    public static final String TRAP = "nl-trap";

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance form(String site, List<MailingList> lists, SignupForm form, String consentText);

        static native TemplateInstance checkInbox();
    }

    private final SubscriptionService subscriptions;
    private final SignupRateLimiter rateLimiter;
    private final ConsentTexts consentTexts;
    private final NewsletterConfig config;

    SignupPage(SubscriptionService subscriptions, SignupRateLimiter rateLimiter, ConsentTexts consentTexts,
               NewsletterConfig config) {
        this.subscriptions = subscriptions;
        this.rateLimiter = rateLimiter;
        this.consentTexts = consentTexts;
        this.config = config;
    }

    @GET
    public TemplateInstance form() {
        return page(SignupForm.empty());
    }

    @POST
    @Path("subscribe")
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.MULTIPART_FORM_DATA})
    public Response subscribe(@RestForm String email, @RestForm String name, @RestForm("list") List<String> lists,
                              @RestForm(TRAP) String trap, @Context HttpServerRequest request) {
        RequestOrigin origin = RequestOrigins.of(request);
        rateLimiter.acquire(origin.ipAddress());
        if (trap != null && !trap.isBlank()) {
            return Response.seeOther(URI.create("/check-inbox")).build(); // a bot filled the hidden field: nothing happens
        }
        List<String> selected = lists == null ? List.of() : lists;
        try {
            subscriptions.signUp(new SignupCommand(email, name, selected), ConsentSource.FORM, origin);
        } catch (InvalidInputException e) {
            return Response.status(Response.Status.BAD_REQUEST)
                    .entity(page(new SignupForm(email, name, selected, e.errors()))).build();
        }
        return Response.seeOther(URI.create("/check-inbox")).build();
    }

    @GET
    @Path("check-inbox")
    public TemplateInstance checkInbox() {
        return Templates.checkInbox();
    }

    private TemplateInstance page(SignupForm form) {
        return Templates.form(config.siteName(), MailingList.publicLists(), form, consentTexts.current());
    }
}
