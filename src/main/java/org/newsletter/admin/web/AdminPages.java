package org.newsletter.admin.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.jboss.resteasy.reactive.RestForm;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import org.newsletter.admin.AccountService;
import org.newsletter.admin.AdminAccount;
import org.newsletter.digests.DigestService;
import org.newsletter.digests.DigestView;
import org.newsletter.lists.ListView;
import org.newsletter.lists.MailingListService;

import java.net.URI;
import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Sign-in, the dashboard and the account list. */
@Path("/admin")
@Produces(MediaType.TEXT_HTML)
public class AdminPages {

    private static final int DAYS = 30;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance login(boolean failed);

        static native TemplateInstance dashboard(List<ListView> lists, ActivityChart chart, List<DigestView> digests);

        static native TemplateInstance accounts(List<AccountService.AccountView> accounts);
    }

    private final MailingListService lists;
    private final DigestService digests;
    private final AccountService accounts;
    private final EntityManager em;
    private final Clock clock;
    private final io.quarkus.security.identity.SecurityIdentity identity;

    AdminPages(MailingListService lists, DigestService digests, AccountService accounts, EntityManager em, Clock clock,
               io.quarkus.security.identity.SecurityIdentity identity) {
        this.identity = identity;
        this.lists = lists;
        this.digests = digests;
        this.accounts = accounts;
        this.em = em;
        this.clock = clock;
    }

    @GET
    @Path("login")
    public TemplateInstance login() {
        return Templates.login(false);
    }

    /** Where a refused sign-in lands. */
    @GET
    @Path("login/failed")
    public TemplateInstance loginFailed() {
        return Templates.login(true);
    }

    /** Ends the session: the cookie is dropped. */
    @POST
    @Path("logout")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response logout() {
        return Response.seeOther(URI.create("/admin/login"))
                .cookie(new NewCookie.Builder(SessionCookie.NAME).path("/").maxAge(0).value("").httpOnly(true).build())
                .build();
    }

    @GET
    @RolesAllowed({AdminAccount.ADMIN, AdminAccount.EDITOR})
    @Transactional
    public TemplateInstance dashboard() {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        LocalDate from = today.minusDays(DAYS - 1L);
        return Templates.dashboard(lists.all(), ActivityChart.of(from, DAYS, activity(from)), digests.recent(null, 10));
    }

    @GET
    @Path("accounts")
    @RolesAllowed(AdminAccount.ADMIN)
    public TemplateInstance accounts() {
        return Templates.accounts(accounts.accounts());
    }

    @POST
    @Path("accounts")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(AdminAccount.ADMIN)
    public Response addAccount(@RestForm String username, @RestForm String password, @RestForm String role) {
        accounts.create(username, password, role);
        return Response.seeOther(URI.create("/admin/accounts")).build();
    }

    @POST
    @Path("accounts/{username}/delete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(AdminAccount.ADMIN)
    public Response deleteAccount(@PathParam("username") String username) {
        accounts.delete(username, identity.getPrincipal().getName());
        return Response.seeOther(URI.create("/admin/accounts")).build();
    }

    /** Per day since {@code from}: signups (form, API, import) and unsubscribes, from the consent log. */
    private Map<LocalDate, long[]> activity(LocalDate from) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        select cast(created_at at time zone 'UTC' as date) as day,
                               count(*) filter (where action in ('signup', 'import')),
                               count(*) filter (where action in ('unsubscribe', 'cancel'))
                          from consent_events
                         where created_at >= cast(?1 as date)
                         group by 1
                        """)
                .setParameter(1, Date.valueOf(from)).getResultList();
        Map<LocalDate, long[]> counts = new HashMap<>();
        for (Object[] r : rows) {
            LocalDate day = r[0] instanceof Date d ? d.toLocalDate() : (LocalDate) r[0];
            counts.put(day, new long[]{((Number) r[1]).longValue(), ((Number) r[2]).longValue()});
        }
        return counts;
    }
}
