package org.newsletter.digests.admin;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
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
import org.jboss.resteasy.reactive.RestStreamElementType;
import org.newsletter.admin.AdminAccount;
import org.newsletter.digests.DeliveryView;
import org.newsletter.digests.DigestClicks;
import org.newsletter.digests.DigestRequest;
import org.newsletter.digests.DigestService;
import org.newsletter.digests.DigestView;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/** Digests, for editors: compose, preview, test, send, and watch or steer the sending. */
@Path("/api/admin/digests")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({AdminAccount.ADMIN, AdminAccount.EDITOR})
public class AdminDigestResource {

    /** Where a test copy goes. */
    public record TestRequest(String email) {
    }

    private final DigestService digests;
    private final LiveDigestViews live;
    private final DigestClicks clicks;

    AdminDigestResource(DigestService digests, LiveDigestViews live, DigestClicks clicks) {
        this.digests = digests;
        this.live = live;
        this.clicks = clicks;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@Valid @NotNull(message = "Send a JSON object describing the digest") DigestRequest request) {
        DigestView created = digests.create(request);
        return Response.created(URI.create("/api/admin/digests/" + created.id())).entity(created).build();
    }

    /** The most recent digests (at most {@code limit}, default 50), optionally of one list. */
    @GET
    public List<DigestView> recent(@QueryParam("list") String list, @QueryParam("limit") @DefaultValue("50") int limit) {
        return digests.recent(list, Math.max(1, Math.min(limit, 500)));
    }

    @GET
    @Path("{id}")
    public DigestView get(@PathParam("id") long id) {
        return digests.get(id);
    }

    /** The ledger, 100 rows a page; {@code status=failed} lists the failures with the server's replies. */
    @GET
    @Path("{id}/deliveries")
    public List<DeliveryView> deliveries(@PathParam("id") long id, @QueryParam("status") String status,
                                         @QueryParam("page") @DefaultValue("0") int page) {
        return digests.deliveries(id, status, page);
    }

    /** The HTML a reader gets, for a sample reader. */
    /** Each article of the digest with how often it was opened from the mail (counted per digest, never per reader). */
    @GET
    @Path("{id}/clicks")
    public List<DigestClicks.ArticleClicks> clicks(@PathParam("id") long id) {
        return clicks.of(id);
    }

    @GET
    @Path("{id}/preview")
    @Produces(MediaType.TEXT_HTML)
    public String preview(@PathParam("id") long id) {
        return digests.preview(id);
    }

    @POST
    @Path("{id}/test")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response test(@PathParam("id") long id, @NotNull(message = "Send {\"email\": \"...\"}") TestRequest request) {
        digests.sendTest(id, request.email());
        return Response.accepted(new Accepted("queued")).build();
    }

    /** Starts sending: the ledger is written now, the engine sends from it. */
    @POST
    @Path("{id}/send")
    public Response send(@PathParam("id") long id) {
        return Response.accepted(digests.send(id)).build();
    }

    @POST
    @Path("{id}/pause")
    public DigestView pause(@PathParam("id") long id) {
        return digests.pause(id);
    }

    @POST
    @Path("{id}/resume")
    public DigestView resume(@PathParam("id") long id) {
        return digests.resume(id);
    }

    @POST
    @Path("{id}/cancel")
    public DigestView cancel(@PathParam("id") long id) {
        return digests.cancel(id);
    }

    /**
     * Sends a sent digest again to its failed recipients whose addresses are not suppressed (what a relay
     * outage left behind); {@code 409} when there are none or the digest has not finished sending.
     */
    @POST
    @Path("{id}/retry-failed")
    public Response retryFailed(@PathParam("id") long id) {
        return Response.accepted(digests.retryFailed(id)).build();
    }

    /** The digest's counters as server-sent events, about once a second, ending after it is sent or cancelled. */
    @GET
    @Path("{id}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Blocking
    public Multi<DigestView> events(@PathParam("id") long id) {
        digests.get(id); // 404 before the stream starts
        AtomicBoolean ended = new AtomicBoolean();
        return Multi.createFrom().ticks().startingAfter(Duration.ofMillis(1)).every(Duration.ofSeconds(1))
                .onOverflow().drop()
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(tick -> live.get(id))
                // the first finished view is sent too, then the stream ends
                .select().first(view -> !ended.getAndSet(view.status().finished()));
    }

    /** The answer to a request whose effect follows later. */
    public record Accepted(String status) {
    }
}
