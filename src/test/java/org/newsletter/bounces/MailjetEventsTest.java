package org.newsletter.bounces;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.newsletter.support.Mailbox;
import org.newsletter.support.Web;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * Mailjet's Event API posting what happened after it accepted our mail: hard bounces and complaints
 * keep the address out of every later digest, everything else changes nothing.
 */
@QuarkusTest
class MailjetEventsTest {

    private static final String SECRET = "test-webhook-secret-0123456789";

    Mailbox mailbox;

    private static RequestSpecification asMailjet() {
        return given().auth().preemptive().basic("mailjet", SECRET).contentType(ContentType.JSON);
    }

    @Test
    void hardBouncesAndComplaintsKeepAddressesOutOfTheNextDigestAndSoftBouncesAndOpensChangeNothing() {
        String news = Web.createList("mj-news", true, "double");
        String sport = Web.createList("mj-sport", true, "double");
        String gone = Web.newAddress("mj-gone");
        String full = Web.newAddress("mj-full");
        String complainer = Web.newAddress("mj-complainer");
        String blocked = Web.newAddress("mj-blocked");
        String reader = Web.newAddress("mj-reader");
        List<String> everyone = List.of(gone, full, complainer, blocked, reader);
        Web.importReaders(news, everyone, null);
        Web.importReaders(sport, List.of(complainer), null);
        String stranger = Web.newAddress("mj-stranger");

        asMailjet().body(List.of(
                        Map.of("event", "bounce", "email", gone, "hard_bounce", true, "blocked", false,
                                "error_related_to", "recipient", "error", "user unknown", "comment", "550 5.1.1 No such user"),
                        Map.of("event", "bounce", "email", full, "hard_bounce", false, "error_related_to", "recipient",
                                "error", "quota exceeded"),
                        Map.of("event", "spam", "email", complainer, "source", "JMRPP"),
                        Map.of("event", "blocked", "email", blocked, "error_related_to", "recipient", "error", "preblocked"),
                        Map.of("event", "blocked", "email", reader, "error_related_to", "content", "error", "spam"),
                        Map.of("event", "open", "email", reader),
                        Map.of("event", "bounce", "email", stranger, "hard_bounce", true, "error", "user unknown")))
                .post("/api/webhooks/mailjet")
                .then().statusCode(200)
                .body("received", equalTo(7)).body("bounces", equalTo(3)).body("complaints", equalTo(1))
                .body("ignored", equalTo(3));

        assertThat(Web.subscriptionStatus(complainer, news)).isEqualTo("unsubscribed");
        assertThat(Web.subscriptionStatus(complainer, sport)).isEqualTo("unsubscribed");
        assertThat(Web.subscriptionStatus(gone, news)).as("a bounce is no unsubscribe").isEqualTo("confirmed");
        Map<String, Object> record = Web.subscriber(complainer);
        assertThat(record.get("suppression")).asString().contains("complaint").contains("JMRPP");
        assertThat(record.get("consent")).asString().contains("unsubscribe").contains("source=complaint");
        assertThat(Web.subscriber(gone).get("suppression")).asString().contains("bounce").contains("550 5.1.1 No such user");
        assertThat(Web.subscriber(full).get("suppression")).isNull();
        assertThat(Web.subscriber(reader).get("suppression")).isNull();

        Web.addArticle("Harbour plans approved", List.of(news));
        String subject = "Digest " + news;
        long digest = Web.createDigest(news, subject);
        Web.adminPost("/api/admin/digests/" + digest + "/send").then().statusCode(202).body("total", equalTo(2));
        Web.awaitDigest(digest, "sent", Duration.ofSeconds(20));
        assertThat(mailbox.messagesTo(full, subject)).hasSize(1);
        assertThat(mailbox.messagesTo(reader, subject)).hasSize(1);
        for (String kept : List.of(gone, complainer, blocked)) {
            assertThat(mailbox.messagesTo(kept, subject)).as(kept).isEmpty();
        }

        // an address bounced before it was anyone's is not imported later
        String other = Web.createList("mj-other", false, "single");
        Web.asAdmin().contentType("text/csv").body("email,name\n" + stranger + ",Stranger\n")
                .post("/api/admin/lists/" + other + "/import").then().statusCode(200).body("imported", equalTo(0))
                .body("skipped", equalTo(1));
    }

    @Test
    void aReaderWhoComplainedAndSignsUpAndConfirmsAgainGetsMailAgain() {
        String news = Web.createList("mj-again", true, "double");
        String email = Web.newAddress("mj-again");
        Web.importReaders(news, List.of(email), null);
        asMailjet().body(Map.of("event", "spam", "email", email, "source", "FBL")).post("/api/webhooks/mailjet")
                .then().statusCode(200).body("complaints", equalTo(1));
        assertThat(Web.subscriptionStatus(email, news)).isEqualTo("unsubscribed");

        Web.signUpByJson(email, null, List.of(news)).then().statusCode(202);
        MimeMessage confirmation = mailbox.await(email, 1).get(0);
        String confirm = Web.path(Mailbox.link(confirmation, Web.BASE_URL + "/confirm/"));
        Web.getForm(confirm).post().post(confirm).then().statusCode(200).body(containsString("You are subscribed"));

        assertThat(Web.subscriptionStatus(email, news)).isEqualTo("confirmed");
        assertThat(Web.subscriber(email).get("suppression")).as("fresh, proven consent lifts the complaint").isNull();
        Web.addArticle("Back on the list", List.of(news));
        long digest = Web.createDigest(news, "Digest " + news);
        Web.adminPost("/api/admin/digests/" + digest + "/send").then().statusCode(202).body("total", equalTo(1));
    }

    @Test
    void anAddressThatBouncedIsMailedAgainOnceItsReaderConfirmsFromTheMailedLink() {
        String news = Web.createList("mj-bounced-back", true, "double");
        String email = Web.newAddress("mj-bounced-back");
        Web.importReaders(news, List.of(email), null);
        asMailjet().body(Map.of("event", "bounce", "email", email, "hard_bounce", true, "error", "mailbox full for good"))
                .post("/api/webhooks/mailjet").then().statusCode(200).body("bounces", equalTo(1));
        Web.addArticle("While the mailbox was gone", List.of(news));
        long skipped = Web.createDigest(news, "Digest while bounced " + news);
        Web.adminPost("/api/admin/digests/" + skipped + "/send").then().statusCode(202).body("total", equalTo(0));

        // the reader signs up again: the confirmation reaches the mailbox, the click proves it works
        Web.signUpByJson(email, null, List.of(news)).then().statusCode(202);
        MimeMessage confirmation = mailbox.await(email, 1).get(0);
        String confirm = Web.path(Mailbox.link(confirmation, Web.BASE_URL + "/confirm/"));
        Web.getForm(confirm).post().post(confirm).then().statusCode(200);

        assertThat(Web.subscriber(email).get("suppression")).isNull();
        Web.addArticle("Back in the inbox", List.of(news));
        long digest = Web.createDigest(news, "Digest after bounce " + news);
        Web.adminPost("/api/admin/digests/" + digest + "/send").then().statusCode(202).body("total", equalTo(1));
    }

    @Test
    void aLateBounceIsCountedOnTheDigestItsCustomIdNamesAndForeignIdsAreHarmless() {
        String news = Web.createList("mj-attributed", true, "single");
        List<String> readers = Web.addresses("mj-attributed", 3);
        Web.importReaders(news, readers, null);
        Web.addArticle("Attributed story", List.of(news));
        long digest = Web.createDigest(news, "Attributed " + news);
        Web.adminPost("/api/admin/digests/" + digest + "/send").then().statusCode(202);
        Web.awaitDigest(digest, "sent", Duration.ofSeconds(20));

        asMailjet().body(List.of(
                        Map.of("event", "bounce", "email", readers.get(0), "hard_bounce", true, "CustomID", "digest:" + digest),
                        Map.of("event", "bounce", "email", readers.get(1), "hard_bounce", true, "CustomID", "digest:999999999"),
                        Map.of("event", "bounce", "email", readers.get(2), "hard_bounce", true, "CustomID", "order-77")))
                .post("/api/webhooks/mailjet").then().statusCode(200).body("bounces", equalTo(3));

        assertThat(Web.digest(digest)).containsEntry("bouncedLater", 1).containsEntry("sent", 3);
        for (String reader : readers) {
            assertThat(Web.subscriber(reader).get("suppression")).as(reader).asString().contains("bounce");
        }
    }

    @Test
    void theWebhookRefusesWrongCredentialsAndMalformedBodiesAndStoresNothing() {
        String news = Web.createList("mj-guard", true, "single");
        String email = Web.newAddress("mj-guard");
        Web.importReaders(news, List.of(email), null);
        String spam = "{\"event\":\"spam\",\"email\":\"" + email + "\"}";

        given().contentType(ContentType.JSON).body(spam).post("/api/webhooks/mailjet")
                .then().statusCode(401).contentType(containsString("application/problem+json"))
                .header("WWW-Authenticate", containsString("Basic"));
        given().auth().preemptive().basic("mailjet", SECRET + "x").contentType(ContentType.JSON).body(spam)
                .post("/api/webhooks/mailjet").then().statusCode(401);
        given().auth().preemptive().basic("admin", Web.ADMIN_PASSWORD).contentType(ContentType.JSON).body(spam)
                .post("/api/webhooks/mailjet").then().statusCode(401);
        asMailjet().body("{\"event\": \"spam\", ").post("/api/webhooks/mailjet")
                .then().statusCode(400).contentType(containsString("application/problem+json"));
        asMailjet().body("\"spam\"").post("/api/webhooks/mailjet")
                .then().statusCode(400).body("errors[0].field", equalTo("body"));
        asMailjet().contentType(ContentType.TEXT).body(spam).post("/api/webhooks/mailjet").then().statusCode(415);

        assertThat(Web.subscriptionStatus(email, news)).isEqualTo("confirmed");
        assertThat(Web.subscriber(email).get("suppression")).isNull();
    }
}
