package org.newsletter.subscription;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.newsletter.support.Mailbox;
import org.newsletter.support.Web;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/** Right of access and right to erasure, by an admin and by the reader, with nothing left but a hash. */
@QuarkusTest
class ReaderDataTest {

    Mailbox mailbox;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void adminExportsEverythingThenErasesAndTheAddressCannotBeImportedAgain() throws SQLException {
        String list = Web.createList("gdpr", true, "single");
        String email = Web.newAddress("gdpr");
        given().header("X-Forwarded-For", "192.0.2.77").contentType(ContentType.JSON)
                .body(Map.of("email", email, "name", "Erin", "lists", List.of(list))).post("/api/subscriptions")
                .then().statusCode(202);
        mailbox.await(email, 1); // the welcome
        Web.addArticle("Before the erasure", List.of(list));
        long digest = Web.createDigest(list, "GDPR digest");
        Web.adminPost("/api/admin/digests/" + digest + "/send").then().statusCode(202);
        Web.awaitDigest(digest, "sent", Duration.ofSeconds(20));
        String id = (String) Web.subscriber(email).get("id");

        Web.asAdmin().get("/api/admin/subscribers/" + id + "/export").then().statusCode(200)
                .header("Content-Disposition", containsString("attachment"))
                .body("reader.email", equalTo(email)).body("reader.name", equalTo("Erin"))
                .body("reader.subscriptions.list", hasItem(list))
                .body("reader.consent.ipAddress", hasItem("192.0.2.77"))
                .body("digestsReceived.digest", hasItem("GDPR digest"));

        Web.asAdmin().delete("/api/admin/subscribers/" + id).then().statusCode(204);

        assertThat(Web.countSubscribers(email)).isZero();
        Web.asAdmin().get("/api/admin/subscribers/" + id).then().statusCode(404);
        assertThat(Web.digest(digest)).containsEntry("sent", 1).containsEntry("total", 1);
        Web.asAdmin().get("/api/admin/digests/" + digest + "/deliveries").then().statusCode(200)
                .body(not(containsString(email)));
        assertThat(count("select count(*) from subscribers where lower(email) = lower(?)", email)).isZero();
        assertThat(count("select count(*) from outbound_mails where lower(recipient) = lower(?)", email)).isZero();
        assertThat(count("select count(*) from consent_events where ip_address = ?", "192.0.2.77")).isZero();
        assertThat(count("select count(*) from consent_events where subscriber_id is null and action = 'signup'", null))
                .as("the signup still counts").isPositive();
        assertThat(count("select count(*) from suppressions where email_hash = email_hash(?) and reason = 'erased'", email)).isEqualTo(1);

        Web.asAdmin().contentType("text/csv").body("email,name\n" + email + ",Erin\n")
                .post("/api/admin/lists/" + list + "/import").then().statusCode(200)
                .body("imported", equalTo(0)).body("skipped", equalTo(1))
                .body("errors.message", hasItem(containsString("suppression list")));
        assertThat(Web.countSubscribers(email)).isZero();

        // signing up again is fresh consent: the erasure's suppression is lifted and digests reach them
        Web.signUpByJson(email, "Erin again", List.of(list)).then().statusCode(202);
        assertThat(Web.subscriptionStatus(email, list)).isEqualTo("confirmed");
        assertThat(count("select count(*) from suppressions where email_hash = email_hash(?)", email)).isZero();
        Web.addArticle("After the return", List.of(list));
        long again = Web.createDigest(list, "Welcome back digest");
        Web.adminPost("/api/admin/digests/" + again + "/send").then().statusCode(202).body("total", equalTo(1));
    }

    @Test
    void readerDownloadsTheirDataAndErasesItFromThePreferencesPage() {
        String list = Web.createList("gdpr-self", true, "single");
        String email = Web.newAddress("gdpr-self");
        Web.signUpByJson(email, "Finn", List.of(list)).then().statusCode(202);
        MimeMessage welcome = mailbox.await(email, 1).get(0);
        String preferences = Web.path(Mailbox.link(welcome, Web.BASE_URL + "/preferences/"));

        given().get(preferences + "/export").then().statusCode(200)
                .body("reader.email", equalTo(email)).body("reader.name", equalTo("Finn"));

        Web.FormPage page = Web.getForm(preferences);
        assertThat(page.html()).contains("Erase my data").contains(preferences + "/export");
        page.post().post(preferences + "/erase").then().statusCode(200).body(containsString("Your data is erased"));

        assertThat(Web.countSubscribers(email)).isZero();
        given().get(preferences + "/export").then().statusCode(404);
        given().contentType(ContentType.URLENC).formParam("x", "y").post(preferences + "/erase").then().statusCode(400);
    }

    private long count(String sql, String parameter) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            if (parameter != null) {
                ps.setString(1, parameter);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
