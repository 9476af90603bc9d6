package org.newsletter.subscription;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
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
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Signups nobody confirmed are not kept for ever; everything anybody agreed to is. */
@QuarkusTest
class PendingSignupPurgeTest {

    Mailbox mailbox;

    @Inject
    PendingSignupPurge purge;
    @Inject
    AgroalDataSource dataSource;

    @Test
    void readersWhoNeverConfirmedAreRemovedAfterTheRetentionAndEveryoneWhoAgreedToAnythingStays() throws SQLException {
        String doubleList = Web.createList("purge", true, "double");
        String other = Web.createList("purge-other", true, "double");
        String neverConfirmed = Web.newAddress("purge-never");
        String recent = Web.newAddress("purge-recent");
        String confirmedOne = Web.newAddress("purge-half");
        String imported = Web.newAddress("purge-imported");
        String declined = Web.newAddress("purge-declined");

        io.restassured.RestAssured.given().header("X-Forwarded-For", "198.18.11.11").contentType("application/json")
                .body(java.util.Map.of("email", neverConfirmed, "lists", List.of(doubleList))).post("/api/subscriptions")
                .then().statusCode(202);
        Web.signUpByJson(recent, null, List.of(doubleList)).then().statusCode(202);
        Web.importReaders(other, List.of(confirmedOne, imported), null);
        Web.signUpByJson(confirmedOne, null, List.of(doubleList)).then().statusCode(202); // pending here, confirmed on other
        Web.signUpByJson(declined, null, List.of(doubleList)).then().statusCode(202);
        MimeMessage declinedMail = mailbox.await(declined, 1).get(0);
        io.restassured.RestAssured.given().contentType("application/x-www-form-urlencoded")
                .formParam("List-Unsubscribe", "One-Click")
                .post(Web.path(Mailbox.header(declinedMail, "List-Unsubscribe").replaceAll("^<|>$", ""))).then().statusCode(200);
        String staleConfirm = Web.path(Mailbox.link(mailbox.await(neverConfirmed, 1).get(0), Web.BASE_URL + "/confirm/"));

        // forty days pass for all of them but the recent one
        for (String email : List.of(neverConfirmed, confirmedOne, imported, declined)) {
            sql("update subscribers set created_at = now() - interval '40 days' where lower(email) = lower(?)", email);
            sql("update subscriptions set updated_at = now() - interval '40 days' where subscriber_id = "
                    + "(select id from subscribers where lower(email) = lower(?))", email);
        }

        assertThat(count("select count(*) from consent_events where ip_address = ?", "198.18.11.11")).isEqualTo(1);

        int purged = purge.purgeUntouchedSince(Instant.now().minus(Duration.ofDays(30)));

        assertThat(purged).isGreaterThanOrEqualTo(1);
        assertThat(Web.countSubscribers(neverConfirmed)).isZero();
        assertThat(count("select count(*) from consent_events where ip_address = ?", "198.18.11.11")).isZero();
        for (String kept : List.of(recent, confirmedOne, imported, declined)) {
            assertThat(Web.countSubscribers(kept)).as(kept).isEqualTo(1);
        }
        assertThat(Web.subscriptionStatus(confirmedOne, other)).isEqualTo("confirmed");
        assertThat(count("select count(*) from suppressions where email_hash = email_hash(?)", neverConfirmed))
                .as("nothing suppressed: the person may sign up later").isZero();
        io.restassured.RestAssured.given().get(staleConfirm).then().statusCode(400);

        // and they can: a new signup is a new reader
        Web.signUpByJson(neverConfirmed, null, List.of(doubleList)).then().statusCode(202);
        assertThat(Web.subscriptionStatus(neverConfirmed, doubleList)).isEqualTo("pending");
    }

    private void sql(String statement, String parameter) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(statement)) {
            ps.setString(1, parameter);
            ps.executeUpdate();
        }
    }

    private long count(String query, String parameter) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(query)) {
            ps.setString(1, parameter);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
