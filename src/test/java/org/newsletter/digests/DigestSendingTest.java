package org.newsletter.digests;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.newsletter.support.Dkim;
import org.newsletter.support.Mailbox;
import org.newsletter.support.Web;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/** A digest composed, previewed, tested and sent over real SMTP from the ledger in real PostgreSQL. */
@QuarkusTest
class DigestSendingTest {

    Mailbox mailbox;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void articleLinksAreCountedPerDigestAndArticleWithoutNamingTheReaderAndLeadToTheArticle() throws Exception {
        String list = Web.createList("clicks", true, "single");
        List<String> readers = Web.addresses("clicks", 2);
        Web.importReaders(list, readers, null);
        long article = Web.addArticle("Ferry strike ends", List.of(list));
        String url = Web.asAdmin().get("/api/admin/articles/" + article).then().statusCode(200).extract().path("url");
        String subject = "Clicks digest " + list;
        long id = Web.createDigest(list, subject);
        Web.adminPost("/api/admin/digests/" + id + "/send").then().statusCode(202);
        Web.awaitDigest(id, "sent", Duration.ofSeconds(20));

        MimeMessage first = mailbox.messagesTo(readers.get(0), subject).get(0);
        MimeMessage second = mailbox.messagesTo(readers.get(1), subject).get(0);
        String html = Mailbox.part(first, "text/html");
        assertThat(html).doesNotContain("href=\"" + url).contains("href=\"" + Web.BASE_URL + "/r/");
        String link = Mailbox.link(first, Web.BASE_URL + "/r/");
        assertThat(Mailbox.link(second, Web.BASE_URL + "/r/")).as("every reader's copy has the same link").isEqualTo(link);
        assertThat(Mailbox.part(first, "text/plain")).contains(link);

        // the test profile tags article links for the site's analytics (NEWSLETTER_DIGEST_UTM_SOURCE=newsletter)
        String tagged = url + "?utm_source=newsletter&utm_medium=email&utm_campaign=" + list;
        given().redirects().follow(false).head(Web.path(link)).then().statusCode(302).header("Location", tagged);
        for (int i = 0; i < 2; i++) {
            given().redirects().follow(false).get(Web.path(link)).then().statusCode(302).header("Location", tagged)
                    .header("Cache-Control", containsString("no-store"));
        }
        String tampered = link.substring(0, link.length() - 2) + (link.endsWith("A") ? "BB" : "AA");
        given().redirects().follow(false).get(Web.path(tampered)).then().statusCode(400);

        Web.asAdmin().get("/api/admin/digests/" + id + "/clicks").then().statusCode(200)
                .body("[0].articleId", equalTo((int) article)).body("[0].clicks", equalTo(2))
                .body("[0].url", equalTo(url));
        assertThat(count("select count(*) from digest_clicks where digest_id = ?", id)).isEqualTo(1);
        Web.asAdmin().get("/api/admin/digests/999999999/clicks").then().statusCode(404);

        // the editor's preview and test copy link the articles directly: their clicks are not the readers'
        Web.asAdmin().get("/api/admin/digests/" + id + "/preview").then().statusCode(200)
                .body(containsString("href=\"" + url)).body(not(containsString("/r/")));
        String editor = Web.newAddress("clicks-editor");
        Web.asAdmin().contentType(ContentType.JSON).body(Map.of("email", editor)).post("/api/admin/digests/" + id + "/test")
                .then().statusCode(202);
        assertThat(Mailbox.part(mailbox.await(editor, 1).get(0), "text/html")).contains("href=\"" + url).doesNotContain("/r/");
    }

    @Test
    void digestReachesEveryConfirmedReaderExactlyOnceSignedAndWithOneClickHeaders() {
        String list = Web.createList("digest", true, "double");
        List<String> readers = Web.addresses("dg", 25);
        Web.importReaders(list, readers, IntStream.range(0, 25).mapToObj(i -> "Reader " + i).toList());
        String pending = Web.newAddress("dg-pending");
        Web.signUpByJson(pending, null, List.of(list)).then().statusCode(202);
        Web.addArticle("Budget passes", List.of(list));
        Web.addArticle("Storm warning", List.of(list));
        String subject = "Morning digest " + list;

        long id = Web.createDigest(list, subject);
        Web.asAdmin().get("/api/admin/digests/" + id + "/preview").then().statusCode(200)
                .contentType(containsString("text/html"))
                .body(containsString("Budget passes")).body(containsString("Storm warning"))
                .body(not(containsString("<script")));

        Web.adminPost("/api/admin/digests/" + id + "/send").then().statusCode(202)
                .body("status", equalTo("sending")).body("total", equalTo(25));
        Map<String, Object> done = Web.awaitDigest(id, "sent", Duration.ofSeconds(30));
        assertThat(done).containsEntry("sent", 25).containsEntry("failed", 0).containsEntry("pending", 0);
        assertThat(done.get("finishedAt")).isNotNull();

        for (String reader : readers) {
            assertThat(mailbox.messagesTo(reader, subject)).as(reader).hasSize(1);
        }
        MimeMessage first = mailbox.messagesTo(readers.get(0), subject).get(0);
        assertThat(Mailbox.header(first, "List-Unsubscribe")).startsWith("<https://news.example.com/unsubscribe/");
        assertThat(Mailbox.header(first, "List-Unsubscribe-Post")).isEqualTo("List-Unsubscribe=One-Click");
        assertThat(Mailbox.header(first, "List-Id")).endsWith("<" + list + ".news.example.com>");
        assertThat(Mailbox.header(first, "Message-ID")).matches("<[^@>]+@[^>]+>");
        assertThat(Mailbox.header(first, "Date")).isNotBlank();
        assertThat(Mailbox.part(first, "text/plain")).contains("Hello Reader 0").contains("Budget passes")
                .contains("https://news.example.com/unsubscribe/").contains("https://news.example.com/preferences/");
        assertThat(Mailbox.part(first, "text/html")).contains("Hello Reader 0").contains("<b>Budget passes</b>")
                .doesNotContain("<script");

        List<String> signed = Dkim.verify(first);
        assertThat(signed).contains("from", "to", "subject", "date", "message-id", "list-id", "list-unsubscribe",
                "list-unsubscribe-post");
        assertThat(Dkim.tags(first)).contains("a=rsa-sha256", "c=relaxed/relaxed", "d=news.example.com");

        assertThat(mailbox.messagesTo(pending, subject)).isEmpty();

        String oneClick = Mailbox.header(first, "List-Unsubscribe").replaceAll("^<|>$", "");
        given().contentType(ContentType.URLENC).formParam("List-Unsubscribe", "One-Click").post(Web.path(oneClick))
                .then().statusCode(200);
        assertThat(Web.subscriptionStatus(readers.get(0), list)).isEqualTo("unsubscribed");

        // both articles went out with this digest: composing again finds nothing new
        Web.asAdmin().contentType(ContentType.JSON).body(Map.of("list", list, "subject", "Again"))
                .post("/api/admin/digests").then().statusCode(400)
                .contentType(containsString("application/problem+json"))
                .body("errors.field", hasItem("articleIds"));
    }

    @Test
    void aDigestFinishedLongerAgoThanALeaseHasItsCountsWrittenOnceAndShowsThemFromThere() throws Exception {
        String list = Web.createList("tally", true, "double");
        Web.importReaders(list, Web.addresses("tally", 3), List.of("A", "B", "C"));
        Web.addArticle("Tally article", List.of(list));
        long id = Web.createDigest(list, "Tally " + list);
        Web.adminPost("/api/admin/digests/" + id + "/send").then().statusCode(202);
        Web.awaitDigest(id, "sent", Duration.ofSeconds(30));
        assertThat(tally(id)).as("just finished: in-flight outcomes may still land, so counted live").isNull();

        // an hour later (well past the lease) no ledger row of it can change any more
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "update digests set finished_at = finished_at - interval '1 hour' where id = ?")) {
            ps.setLong(1, id);
            ps.executeUpdate();
        }
        Map<String, Object> view = Web.digest(id);

        assertThat(view).containsEntry("total", 3).containsEntry("sent", 3).containsEntry("failed", 0);
        assertThat(tally(id)).containsExactly(3L, 3L, 0L, 0L, 0L);
        assertThat(Web.digest(id)).containsEntry("total", 3).containsEntry("sent", 3);
    }

    private long count(String sql, long digestId) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, digestId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** total, sent, failed, open, skipped as written on the digest; null while not written. */
    private List<Long> tally(long digestId) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select tally_total, tally_sent, tally_failed, tally_open, tally_skipped from digests where id = ?")) {
            ps.setLong(1, digestId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (rs.getObject(1) == null) {
                    return null;
                }
                return List.of(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5));
            }
        }
    }

    @Test
    void progressStreamsAsServerSentEventsAndEndsOnceSent() {
        String list = Web.createList("sse", true, "single");
        Web.importReaders(list, Web.addresses("sse", 3), null);
        Web.addArticle("Late news", List.of(list));
        long id = Web.createDigest(list, "SSE digest");
        Web.adminPost("/api/admin/digests/" + id + "/send").then().statusCode(202);

        String stream = Web.asAdmin().accept("text/event-stream").get("/api/admin/digests/" + id + "/events")
                .then().statusCode(200).contentType(containsString("text/event-stream")).extract().asString();

        assertThat(stream).contains("data:").contains("\"status\":\"sent\"").contains("\"sent\":3");
    }

    @Test
    void testCopyGoesToTheGivenAddressOnly() {
        String list = Web.createList("testcopy", true, "single");
        String reader = Web.newAddress("testcopy-reader");
        Web.importReaders(list, List.of(reader), null);
        Web.addArticle("Council meets", List.of(list));
        long id = Web.createDigest(list, "Test copy digest");
        String editor = Web.newAddress("editor");

        Web.asAdmin().contentType(ContentType.JSON).body(Map.of("email", editor))
                .post("/api/admin/digests/" + id + "/test").then().statusCode(202);
        Web.asAdmin().contentType(ContentType.JSON).body(Map.of("email", "not-an-address"))
                .post("/api/admin/digests/" + id + "/test").then().statusCode(400).body("errors.field", hasItem("email"));

        MimeMessage copy = mailbox.await(editor, 1).get(0);
        assertThat(Mailbox.subject(copy)).isEqualTo("[Test] Test copy digest");
        assertThat(Mailbox.part(copy, "text/plain")).contains("Council meets");
        assertThat(mailbox.settle(reader, Duration.ofMillis(500))).isEmpty();
        assertThat(Web.digest(id)).containsEntry("status", "draft");
    }

    @Test
    void unknownListsArticlesAndIllegalMovesAreRefusedWithReasons() {
        String list = Web.createList("refuse", true, "single");
        Web.asAdmin().contentType(ContentType.JSON).body(Map.of("list", "no-such-list", "subject", "S"))
                .post("/api/admin/digests").then().statusCode(400).body("errors.field", hasItem("list"));
        Web.asAdmin().contentType(ContentType.JSON).body(Map.of("list", list, "subject", "S", "articleIds", List.of(999999999)))
                .post("/api/admin/digests").then().statusCode(400)
                .body("errors.message", hasItem(containsString("999999999")));
        Web.asAdmin().contentType(ContentType.JSON).body(Map.of("list", list, "subject", ""))
                .post("/api/admin/digests").then().statusCode(400).body("errors.field", hasItem("subject"));

        long article = Web.addArticle("Only one", List.of(list));
        long id = Web.asAdmin().contentType(ContentType.JSON)
                .body(Map.of("list", list, "subject", "Chosen", "articleIds", List.of(article)))
                .post("/api/admin/digests").then().statusCode(201).body("articleIds", equalTo(List.of((int) article)))
                .extract().jsonPath().getLong("id");
        Web.adminPost("/api/admin/digests/" + id + "/pause").then().statusCode(409)
                .contentType(containsString("application/problem+json"));
        Web.adminPost("/api/admin/digests/" + id + "/send").then().statusCode(202);
        Web.awaitDigest(id, "sent", Duration.ofSeconds(10));
        Web.adminPost("/api/admin/digests/" + id + "/send").then().statusCode(409);
        Web.adminPost("/api/admin/digests/" + id + "/cancel").then().statusCode(409);
        Web.asAdmin().get("/api/admin/digests/424242424").then().statusCode(404);
    }
}
