package org.newsletter.subscription.admin;

import org.newsletter.subscription.ReaderData;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.newsletter.admin.AdminAccount;

import java.util.UUID;

/** Readers, for admins: search and one reader's whole record. */
@Path("/api/admin")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({AdminAccount.ADMIN, AdminAccount.EDITOR})
public class AdminSubscriberResource {

    private final SubscriberQueries queries;
    private final ReaderData readerData;

    AdminSubscriberResource(SubscriberQueries queries, ReaderData readerData) {
        this.queries = queries;
        this.readerData = readerData;
    }

    @GET
    @Path("subscribers")
    public SubscriberViews.Page search(@QueryParam("list") String list, @QueryParam("status") String status,
                                       @QueryParam("q") String q, @QueryParam("page") @DefaultValue("0") int page,
                                       @QueryParam("size") @DefaultValue("50") int size) {
        return queries.search(list, status, q, page, size);
    }

    @GET
    @Path("subscribers/{id}")
    public SubscriberViews.Detail detail(@PathParam("id") String id) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("No such subscriber");
        }
        return queries.detail(uuid);
    }

    /** Everything stored about the reader (right of access), as a JSON download. */
    @GET
    @Path("subscribers/{id}/export")
    public jakarta.ws.rs.core.Response export(@PathParam("id") String id) {
        return jakarta.ws.rs.core.Response.ok(readerData.export(ReaderData.parseId(id)))
                .header("Content-Disposition", "attachment; filename=\"subscriber-" + id + ".json\"").build();
    }

    /**
     * Erases the reader (right to erasure): their data is gone, counts stay, and the address is kept only
     * as a hash on the suppression list so a later import cannot add them again.
     */
    @jakarta.ws.rs.DELETE
    @Path("subscribers/{id}")
    @RolesAllowed(AdminAccount.ADMIN)
    public jakarta.ws.rs.core.Response erase(@PathParam("id") String id) {
        if (!readerData.erase(ReaderData.parseId(id))) {
            throw new NotFoundException("No subscriber " + id);
        }
        return jakarta.ws.rs.core.Response.noContent().build();
    }
}
