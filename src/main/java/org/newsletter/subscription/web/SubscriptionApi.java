package org.newsletter.subscription.web;

import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.newsletter.common.InvalidInputException;
import org.newsletter.common.RequestOrigins;
import org.newsletter.lists.MailingList;
import org.newsletter.subscription.ConsentSource;
import org.newsletter.subscription.RequestOrigin;
import org.newsletter.subscription.SignupCommand;
import org.newsletter.subscription.SignupRateLimiter;
import org.newsletter.subscription.SubscriptionService;

import java.util.List;
import java.util.concurrent.CompletionStage;

/** The JSON signup API for the site's own scripts. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class SubscriptionApi {

    /** {@code trap}: the embeddable form's hidden field; filled (by a bot), the signup is answered as usual and dropped. */
    public record SignupRequest(String email, String name, List<String> lists, String trap) {
    }

    public record PublicList(String slug, String name, String description) {
    }

    /** The one answer to every accepted signup, whatever the address's state: no enumeration. Serialized once. */
    private static final String ACCEPTED = "{\"status\":\"pending\"}";

    private final SubscriptionService subscriptions;
    private final SignupRateLimiter rateLimiter;

    SubscriptionApi(SubscriptionService subscriptions, SignupRateLimiter rateLimiter) {
        this.subscriptions = subscriptions;
        this.rateLimiter = rateLimiter;
    }

    @POST
    @Path("subscriptions")
    @Consumes(MediaType.APPLICATION_JSON)
    public CompletionStage<Response> subscribe(SignupRequest request, @Context HttpServerRequest http) {
        // runs on the I/O thread: validation needs no database, and the answer comes when the signup's batch committed
        if (request == null) {
            throw new InvalidInputException("body", "Send a JSON object with email, name and lists");
        }
        RequestOrigin origin = RequestOrigins.of(http);
        rateLimiter.acquire(origin.ipAddress());
        if (request.trap() != null && !request.trap().isBlank()) {
            return java.util.concurrent.CompletableFuture.completedStage(
                    Response.accepted(ACCEPTED).type(MediaType.APPLICATION_JSON_TYPE).build());
        }
        return subscriptions.signUpAsync(new SignupCommand(request.email(), request.name(), request.lists()),
                ConsentSource.API, origin).thenApply(done -> Response.accepted(ACCEPTED).type(MediaType.APPLICATION_JSON_TYPE).build());
    }

    @GET
    @Path("lists")
    public List<PublicList> lists() {
        return MailingList.publicLists().stream().map(l -> new PublicList(l.slug, l.name, l.description)).toList();
    }
}
