package org.newsletter.lists.admin;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.newsletter.admin.AdminAccount;
import org.newsletter.lists.ListRequest;
import org.newsletter.lists.ListView;
import org.newsletter.lists.MailingListService;
import org.newsletter.subscription.importer.CsvExporter;
import org.newsletter.subscription.importer.CsvImporter;
import org.newsletter.subscription.importer.ImportReport;

import java.io.InputStream;

import java.net.URI;
import java.util.List;

/** Lists, for admins. */
@Path("/api/admin/lists")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({AdminAccount.ADMIN, AdminAccount.EDITOR})
public class AdminListResource {

    private final MailingListService lists;
    private final CsvImporter importer;

    private final CsvExporter exporter;

    AdminListResource(MailingListService lists, CsvImporter importer, CsvExporter exporter) {
        this.lists = lists;
        this.importer = importer;
        this.exporter = exporter;
    }

    @GET
    public List<ListView> all() {
        return lists.all();
    }

    @GET
    @Path("{slug}")
    public ListView get(@PathParam("slug") String slug) {
        return lists.get(slug);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(AdminAccount.ADMIN)
    public Response create(@Valid @NotNull(message = "Send a JSON object describing the list") ListRequest request) {
        ListView created = lists.create(request);
        return Response.created(URI.create("/api/admin/lists/" + created.slug())).entity(created).build();
    }

    @PUT
    @Path("{slug}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(AdminAccount.ADMIN)
    public ListView update(@PathParam("slug") String slug,
                           @Valid @NotNull(message = "Send a JSON object describing the list") ListRequest request) {
        return lists.update(slug, request);
    }

    @DELETE
    @Path("{slug}")
    @RolesAllowed(AdminAccount.ADMIN)
    public Response delete(@PathParam("slug") String slug) {
        lists.delete(slug);
        return Response.noContent().build();
    }

    /** Archives the list: kept as a record, offered nowhere, no schedule. {@code DELETE} of this restores it. */
    @POST
    @Path("{slug}/archive")
    @RolesAllowed(AdminAccount.ADMIN)
    public ListView archive(@PathParam("slug") String slug) {
        return lists.archive(slug, true);
    }

    @DELETE
    @Path("{slug}/archive")
    @RolesAllowed(AdminAccount.ADMIN)
    public ListView restore(@PathParam("slug") String slug) {
        return lists.archive(slug, false);
    }

    /** The list's confirmed readers as CSV ({@code email,name,confirmed_at}), streamed from the database. */
    @GET
    @Path("{slug}/export")
    @Produces("text/csv")
    public Response export(@PathParam("slug") String slug) {
        org.newsletter.lists.MailingList list = lists.find(slug);
        jakarta.ws.rs.core.StreamingOutput body = out -> exporter.write(list.id, out);
        return Response.ok(body).header("Content-Disposition", "attachment; filename=\"" + slug + ".csv\"").build();
    }

    /** Imports readers from CSV ({@code email,name} header) as confirmed subscribers; streamed, sends no mail. */
    @POST
    @Path("{slug}/import")
    @Consumes({"text/csv", MediaType.TEXT_PLAIN})
    @RolesAllowed(AdminAccount.ADMIN)
    public ImportReport importCsv(@PathParam("slug") String slug, InputStream body) {
        return importer.importCsv(lists.find(slug), body);
    }
}
