package org.newsletter.subscription;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.mail.internet.MimeMessage;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.newsletter.support.Mailbox;
import org.newsletter.support.Web;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

/** A list's export is the publisher's proof of consent: for every confirmed reader, how and where they agreed. */
@QuarkusTest
class ConsentExportTest {

    Mailbox mailbox;

    @Test
    void theListExportShowsHowWhenAndWhereEachConfirmedReaderAgreed() throws IOException {
        String list = Web.createList("consent-export", true, "double");
        String byForm = Web.newAddress("consent-form");
        String imported = Web.newAddress("consent-import");
        String trickster = Web.newAddress("consent-formula");
        String erased = Web.newAddress("consent-erased");

        Web.FormPage form = Web.getForm("/");
        form.post().header("X-Forwarded-For", "198.18.7.77").header("User-Agent", "ConsentTest/1.0")
                .formParam("email", byForm).formParam("name", "Form Reader").formParam("list", list)
                .redirects().follow(false).post("/subscribe").then().statusCode(303);
        String confirm = Web.path(Mailbox.link(mailbox.await(byForm, 1).get(0), Web.BASE_URL + "/confirm/"));
        Web.getForm(confirm).post().header("X-Forwarded-For", "198.18.7.78").post(confirm)
                .then().statusCode(200).body(containsString("You are subscribed"));

        Web.importReaders(list, List.of(imported, erased), List.of("Imported Reader", "Erased Reader"));
        Web.signUpByJson(trickster, "=HYPERLINK(\"https://evil.example\")", List.of(list)).then().statusCode(202);
        MimeMessage trickConfirmation = mailbox.await(trickster, 1).get(0);
        String trickConfirm = Web.path(Mailbox.link(trickConfirmation, Web.BASE_URL + "/confirm/"));
        Web.getForm(trickConfirm).post().post(trickConfirm).then().statusCode(200);
        String erasedId = (String) Web.subscriber(erased).get("id");
        Web.asAdmin().delete("/api/admin/subscribers/" + erasedId).then().statusCode(204);

        String csv = Web.asAdmin().get("/api/admin/lists/" + list + "/export").then().statusCode(200)
                .contentType(containsString("text/csv")).extract().asString();
        List<CSVRecord> rows = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(csv)).getRecords();
        Map<String, CSVRecord> byEmail = rows.stream().collect(Collectors.toMap(r -> r.get("email"), Function.identity()));

        assertThat(csv).startsWith("email,name,confirmed_at,consent_source,consent_at,consent_ip,consent_user_agent,"
                + "consent_text,confirmed_by_link_at,confirmed_by_link_ip");
        assertThat(byEmail).containsOnlyKeys(byForm, imported, trickster);
        CSVRecord formRow = byEmail.get(byForm);
        assertThat(formRow.get("name")).isEqualTo("Form Reader");
        assertThat(formRow.get("consent_source")).isEqualTo("form");
        assertThat(formRow.get("consent_ip")).isEqualTo("198.18.7.77");
        assertThat(formRow.get("consent_user_agent")).isEqualTo("ConsentTest/1.0");
        assertThat(formRow.get("consent_text")).contains("You can unsubscribe at any time");
        assertThat(formRow.get("confirmed_by_link_ip")).isEqualTo("198.18.7.78");
        assertThat(formRow.get("consent_at")).isLessThanOrEqualTo(formRow.get("confirmed_by_link_at"));
        assertThat(formRow.get("confirmed_at")).isNotBlank();

        CSVRecord importRow = byEmail.get(imported);
        assertThat(importRow.get("consent_source")).isEqualTo("import");
        assertThat(importRow.get("consent_ip")).isEmpty();
        assertThat(importRow.get("confirmed_by_link_at")).as("imported readers confirmed nothing by link").isEmpty();

        assertThat(byEmail.get(trickster).get("name")).as("no formula for a spreadsheet")
                .isEqualTo("'=HYPERLINK(\"https://evil.example\")");
        assertThat(byEmail.get(trickster).get("consent_source")).isEqualTo("api");
    }
}
