package org.newsletter.sending;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.newsletter.support.Mailbox;
import org.newsletter.support.Web;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** An operator's view in /q/metrics: what went out, who joined and left, what waits. */
@QuarkusTest
class OperationsMetricsTest {

    Mailbox mailbox;

    @Inject
    BacklogMetrics backlog;

    @Test
    void metricsCountDigestMessagesSignupsAndUnsubscribesAndShowTheBacklog() {
        double sentBefore = metric("newsletter_digest_messages_total", "outcome=\"sent\"");
        double signupsBefore = metric("newsletter_signups_total", null);
        double oneClickBefore = metric("newsletter_unsubscribes_total", "source=\"one-click\"");

        String list = Web.createList("metrics", true, "single");
        List<String> readers = Web.addresses("metrics", 3);
        Web.importReaders(list, readers, null);
        Web.addArticle("Counting what goes out", List.of(list));
        String subject = "Digest " + list;
        long digest = Web.createDigest(list, subject);
        Web.adminPost("/api/admin/digests/" + digest + "/send").then().statusCode(202);
        Web.awaitDigest(digest, "sent", Duration.ofSeconds(20));

        String joiner = Web.newAddress("metrics-joiner");
        Web.signUpByJson(joiner, null, List.of(list)).then().statusCode(202);
        MimeMessage copy = mailbox.await(readers.get(0), 1).get(0);
        String oneClick = Mailbox.header(copy, "List-Unsubscribe").replaceAll("^<|>$", "");
        given().contentType(ContentType.URLENC).formParam("List-Unsubscribe", "One-Click").post(Web.path(oneClick))
                .then().statusCode(200);

        // at least: a digest another test left behind may still be going out through this engine
        assertThat(metric("newsletter_digest_messages_total", "outcome=\"sent\"") - sentBefore).isGreaterThanOrEqualTo(3);
        assertThat(metric("newsletter_signups_total", null) - signupsBefore).isEqualTo(1);
        assertThat(metric("newsletter_unsubscribes_total", "source=\"one-click\"") - oneClickBefore).isEqualTo(1);

        backlog.refresh();
        String all = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(all).contains("newsletter_backlog{kind=\"digest\"}").contains("newsletter_backlog{kind=\"transactional\"}");
    }

    /** The value of a metric line, optionally the one with the given label; 0 when it is not there yet. */
    private static double metric(String name, String label) {
        String body = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("(?m)^" + name + "(\\{[^}]*})? ([0-9.Ee+-]+)$").matcher(body);
        while (m.find()) {
            if (label == null || (m.group(1) != null && m.group(1).contains(label))) {
                return Double.parseDouble(m.group(2));
            }
        }
        return 0;
    }
}
