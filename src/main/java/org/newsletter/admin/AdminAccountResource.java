package org.newsletter.admin;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
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

import java.net.URI;
import java.util.List;

/** Admin accounts (admins only) and one's own API tokens (any account). */
@Path("/api/admin")
@Produces(MediaType.APPLICATION_JSON)
public class AdminAccountResource {

    public record AccountRequest(String username, String password, String role) {
    }

    public record TokenRequest(String name) {
    }

    private final AccountService accounts;
    private final SecurityIdentity identity;

    AdminAccountResource(AccountService accounts, SecurityIdentity identity) {
        this.accounts = accounts;
        this.identity = identity;
    }

    @GET
    @Path("accounts")
    @RolesAllowed(AdminAccount.ADMIN)
    public List<AccountService.AccountView> accounts() {
        return accounts.accounts();
    }

    @POST
    @Path("accounts")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(AdminAccount.ADMIN)
    public Response create(@NotNull(message = "Send {\"username\", \"password\", \"role\"}") AccountRequest request) {
        AccountService.AccountView created = accounts.create(request.username(), request.password(), request.role());
        return Response.created(URI.create("/api/admin/accounts/" + created.username())).entity(created).build();
    }

    @DELETE
    @Path("accounts/{username}")
    @RolesAllowed(AdminAccount.ADMIN)
    public Response delete(@PathParam("username") String username) {
        accounts.delete(username, identity.getPrincipal().getName());
        return Response.noContent().build();
    }

    @GET
    @Path("tokens")
    @RolesAllowed({AdminAccount.ADMIN, AdminAccount.EDITOR})
    public List<AccountService.TokenView> tokens() {
        return accounts.tokens(identity.getPrincipal().getName());
    }

    /** A new personal token for the signed-in account; the answer is the only time it is shown. */
    @POST
    @Path("tokens")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({AdminAccount.ADMIN, AdminAccount.EDITOR})
    public Response createToken(@NotNull(message = "Send {\"name\": \"...\"}") TokenRequest request) {
        AccountService.CreatedToken token = accounts.createToken(identity.getPrincipal().getName(), request.name());
        return Response.created(URI.create("/api/admin/tokens/" + token.id())).entity(token).build();
    }

    @DELETE
    @Path("tokens/{id}")
    @RolesAllowed({AdminAccount.ADMIN, AdminAccount.EDITOR})
    public Response revoke(@PathParam("id") long id) {
        accounts.revoke(identity.getPrincipal().getName(), id);
        return Response.noContent().build();
    }
}
