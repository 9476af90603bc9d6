package org.newsletter.articles.admin;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.newsletter.admin.AdminAccount;
import org.newsletter.articles.FeedRequest;
import org.newsletter.articles.FeedService;
import org.newsletter.articles.FeedView;

import java.net.URI;
import java.util.List;

/** The site's RSS/Atom feeds, polled for new articles. */
@Path("/api/admin/feeds")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({AdminAccount.ADMIN, AdminAccount.EDITOR})
public class AdminFeedResource {

    private final FeedService feeds;

    AdminFeedResource(FeedService feeds) {
        this.feeds = feeds;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@Valid @NotNull(message = "Send a JSON object describing the feed") FeedRequest request) {
        FeedView created = feeds.create(request);
        return Response.created(URI.create("/api/admin/feeds/" + created.id())).entity(created).build();
    }

    @GET
    public List<FeedView> all() {
        return feeds.all();
    }

    @GET
    @Path("{id}")
    public FeedView get(@PathParam("id") long id) {
        return feeds.get(id);
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") long id) {
        feeds.delete(id);
        return Response.noContent().build();
    }

    /** Fetches the feed now; the answer carries {@code newArticles} and, if it failed, {@code lastError}. */
    @POST
    @Path("{id}/poll")
    public FeedView poll(@PathParam("id") long id) {
        return feeds.pollNow(id);
    }
}
