package org.newsletter.admin.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;
import org.newsletter.admin.AdminAccount;
import org.newsletter.common.InvalidInputException;
import org.newsletter.common.Links;
import org.newsletter.common.NewsletterConfig;
import org.newsletter.lists.DigestSchedules;
import org.newsletter.lists.ListRequest;
import org.newsletter.lists.ListView;
import org.newsletter.lists.MailingListService;
import org.newsletter.subscription.importer.CsvImporter;
import org.newsletter.subscription.importer.ImportReport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** Lists in the browser: create, edit, archive, import readers, export them, and the embeddable signup form. */
@Path("/admin/lists")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({AdminAccount.ADMIN, AdminAccount.EDITOR})
public class ListPages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(List<ListView> lists, boolean admin);

        static native TemplateInstance detail(ListView list, boolean admin, String snippet, String nextRun);

        static native TemplateInstance imported(ListView list, ImportReport report);
    }

    private final MailingListService lists;
    private final CsvImporter importer;
    private final SecurityIdentity identity;
    private final Links links;
    private final String consentText;
    private final jakarta.validation.Validator validator;
    private final Clock clock;

    ListPages(MailingListService lists, CsvImporter importer, SecurityIdentity identity, Links links, NewsletterConfig config,
              jakarta.validation.Validator validator, Clock clock) {
        this.validator = validator;
        this.clock = clock;
        this.lists = lists;
        this.importer = importer;
        this.identity = identity;
        this.links = links;
        this.consentText = config.consentText();
    }

    @GET
    public TemplateInstance list() {
        return Templates.list(lists.all(), identity.hasRole(AdminAccount.ADMIN));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(AdminAccount.ADMIN)
    public Response create(@RestForm String slug, @RestForm String name, @RestForm String description,
                           @RestForm String optIn, @RestForm("public") String isPublic) {
        ListView created = lists.create(checked(new ListRequest(trim(slug), trim(name), description, "true".equals(isPublic),
                optIn, null)));
        return Response.seeOther(URI.create("/admin/lists/" + created.slug())).build();
    }

    @GET
    @Path("{slug}")
    public TemplateInstance detail(@PathParam("slug") String slug) {
        ListView list = lists.get(slug);
        ListRequest.DigestSchedule schedule = list.digestSchedule();
        String nextRun = schedule == null ? null : DigestSchedules.nextFire(schedule.cron(), schedule.zone(), clock.instant())
                .map(NEXT_RUN::format).orElse("never (the expression names no future time)");
        return Templates.detail(list, identity.hasRole(AdminAccount.ADMIN), snippet(list), nextRun);
    }

    private static final DateTimeFormatter NEXT_RUN = DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm '('VV')'", Locale.ENGLISH);

    /** Sets the list's digest schedule: a digest of its new articles on a cron schedule in a time zone. */
    @POST
    @Path("{slug}/schedule")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(AdminAccount.ADMIN)
    public Response schedule(@PathParam("slug") String slug, @RestForm String cron, @RestForm String zone,
                             @RestForm String subject) {
        if (lists.get(slug).archived()) {
            throw new InvalidInputException("digestSchedule", "An archived list sends no digests; restore it first");
        }
        return withSchedule(slug, new ListRequest.DigestSchedule(trim(cron), trim(zone), trim(subject)));
    }

    /** Removes the schedule: digests of this list are composed by hand again. */
    @POST
    @Path("{slug}/schedule/remove")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(AdminAccount.ADMIN)
    public Response removeSchedule(@PathParam("slug") String slug) {
        return withSchedule(slug, null);
    }

    /** The list as it is, with this schedule (none when null). */
    private Response withSchedule(String slug, ListRequest.DigestSchedule schedule) {
        ListView current = lists.get(slug);
        lists.update(slug, checked(new ListRequest(slug, current.name(), current.description(), current.isPublic(),
                current.optIn(), schedule)));
        return Response.seeOther(URI.create("/admin/lists/" + slug)).build();
    }

    @POST
    @Path("{slug}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(AdminAccount.ADMIN)
    public Response update(@PathParam("slug") String slug, @RestForm String name, @RestForm String description,
                           @RestForm String optIn, @RestForm("public") String isPublic) {
        ListView current = lists.get(slug);
        lists.update(slug, checked(new ListRequest(slug, trim(name), description, "true".equals(isPublic), optIn,
                current.digestSchedule())));
        return Response.seeOther(URI.create("/admin/lists/" + slug)).build();
    }

    @POST
    @Path("{slug}/archive")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(AdminAccount.ADMIN)
    public Response archive(@PathParam("slug") String slug) {
        lists.archive(slug, true);
        return Response.seeOther(URI.create("/admin/lists/" + slug)).build();
    }

    @POST
    @Path("{slug}/restore")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(AdminAccount.ADMIN)
    public Response restore(@PathParam("slug") String slug) {
        lists.archive(slug, false);
        return Response.seeOther(URI.create("/admin/lists/" + slug)).build();
    }

    /** A CSV upload; the answer is the import report. */
    @POST
    @Path("{slug}/import")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @RolesAllowed(AdminAccount.ADMIN)
    public TemplateInstance importCsv(@PathParam("slug") String slug, @RestForm("file") FileUpload file) {
        if (file == null) {
            throw new InvalidInputException("file", "Choose a CSV file to import");
        }
        ImportReport report;
        try (InputStream in = Files.newInputStream(file.uploadedFile())) {
            report = importer.importCsv(lists.find(slug), in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Templates.imported(lists.get(slug), report);
    }

    /** The HTML a site pastes into its article pages for this list. */
    String snippet(ListView list) {
        String base = links.home().endsWith("/") ? links.home().substring(0, links.home().length() - 1) : links.home();
        String id = "nl-" + list.slug();
        return """
                <form class="newsletter-signup" action="%1$s/" method="get" data-endpoint="%1$s/api/subscriptions" data-list="%2$s">
                  <label for="%3$s-email">Email address</label>
                  <input id="%3$s-email" name="email" type="email" autocomplete="email" required>
                  <input name="nl-trap" type="text" tabindex="-1" autocomplete="off" aria-hidden="true"
                         style="position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden">
                  <button type="submit">Subscribe to %4$s</button>
                  <p><small>%5$s</small></p>
                  <p class="newsletter-status" role="status"></p>
                </form>
                <script>
                document.querySelectorAll("form.newsletter-signup").forEach(function (f) {
                  f.addEventListener("submit", function (e) {
                    e.preventDefault();
                    var status = f.querySelector(".newsletter-status");
                    fetch(f.dataset.endpoint, {method: "POST", headers: {"Content-Type": "application/json"},
                      body: JSON.stringify({email: f.email.value, lists: [f.dataset.list], trap: f["nl-trap"].value})})
                      .then(function (r) { status.textContent = r.status === 202
                        ? "Almost done: please confirm in the mail we just sent you."
                        : "Please check the address and try again."; });
                  });
                });
                </script>
                """.formatted(base, list.slug(), id, escape(list.name()), escape(consentText));
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private <T> T checked(T request) {
        return Forms.checked(validator, request);
    }

    private static String trim(String s) {
        return s == null ? null : s.strip();
    }
}
