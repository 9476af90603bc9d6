package org.newsletter.subscription.admin;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.newsletter.admin.AdminAccount;
import org.newsletter.lists.MailingListService;
import org.newsletter.subscription.importer.CsvImporter;
import org.newsletter.subscription.importer.ImportReport;

import java.io.InputStream;
import java.util.UUID;

/** Readers, for admins: search, one reader's record, and CSV import into a list. */
@Path("/api/admin")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({AdminAccount.ADMIN, AdminAccount.EDITOR})
public class AdminSubscriberResource {

    private final SubscriberQueries queries;
    private final CsvImporter importer;
    private final MailingListService lists;

    AdminSubscriberResource(SubscriberQueries queries, CsvImporter importer, MailingListService lists) {
        this.queries = queries;
        this.importer = importer;
        this.lists = lists;
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

    @POST
    @Path("lists/{slug}/import")
    @Consumes({"text/csv", MediaType.TEXT_PLAIN})
    @RolesAllowed(AdminAccount.ADMIN)
    public ImportReport importCsv(@PathParam("slug") String slug, InputStream body) {
        return importer.importCsv(lists.find(slug), body);
    }
}
