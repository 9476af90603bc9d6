package org.newsletter.articles.admin;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.newsletter.admin.AdminAccount;
import org.newsletter.articles.ArticleRequest;
import org.newsletter.articles.ArticleService;
import org.newsletter.articles.ArticleView;

import java.net.URI;

/** Articles, for editors: added by hand or by the site's CMS; feeds add them too. */
@Path("/api/admin/articles")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({AdminAccount.ADMIN, AdminAccount.EDITOR})
public class AdminArticleResource {

    private final ArticleService articles;

    AdminArticleResource(ArticleService articles) {
        this.articles = articles;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@Valid @NotNull(message = "Send a JSON object describing the article") ArticleRequest request) {
        ArticleView created = articles.create(request);
        return Response.created(URI.create("/api/admin/articles/" + created.id())).entity(created).build();
    }

    /** Newest first, 50 a page; {@code list} narrows to one list's articles. */
    @GET
    public ArticleView.Page page(@QueryParam("list") String list, @QueryParam("page") @DefaultValue("0") int page) {
        return articles.page(list, page);
    }

    @GET
    @Path("{id}")
    public ArticleView get(@PathParam("id") long id) {
        return articles.get(id);
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") long id) {
        articles.delete(id);
        return Response.noContent().build();
    }
}
