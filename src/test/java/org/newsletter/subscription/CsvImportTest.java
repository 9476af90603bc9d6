package org.newsletter.subscription;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.newsletter.support.Mailbox;
import org.newsletter.support.Web;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** CSV import: good rows imported as confirmed, bad rows reported by line, no mail, no re-subscribing. */
@QuarkusTest
class CsvImportTest {

    Mailbox mailbox;

    @Test
    void importsGoodRowsReportsBadOnesAndSendsNoMail() {
        String list = Web.createList("import", true, "double");
        String good1 = Web.newAddress("imp-good");
        String good2 = Web.newAddress("imp-good");
        String pending = Web.newAddress("imp-pending");
        String unsubscribed = Web.newAddress("imp-unsub");
        Web.signUpByJson(pending, null, List.of(list)).then().statusCode(202);
        mailbox.await(pending, 1);
        String single = Web.createList("import-single", true, "single");
        Web.signUpByJson(unsubscribed, null, List.of(single)).then().statusCode(202);
        String leave = Mailbox.link(mailbox.await(unsubscribed, 1).get(0), Web.BASE_URL + "/unsubscribe/");
        io.restassured.RestAssured.given().formParam("List-Unsubscribe", "One-Click").post(Web.path(leave)).then().statusCode(200);

        String csv = "email,name\n"
                + good1 + ",Good One\n"        // line 2
                + "not-an-address,Bad\n"        // line 3
                + good2 + ",\n"                 // line 4
                + pending.toUpperCase() + ",Pending Person\n" // line 5: known, pending -> confirmed
                + good1 + ",Again\n"            // line 6: duplicate
                + "evil@example.org,\"Line\nBreak\"\n"; // lines 7-8: control character in name
        Web.asAdmin().contentType("text/csv").body(csv).post("/api/admin/lists/" + list + "/import")
                .then().statusCode(200)
                .body("imported", equalTo(2))
                .body("updated", equalTo(1))
                .body("skipped", equalTo(3))
                .body("errors.line", hasItem(3))
                .body("errors.line", hasItem(6))
                .body("errors.message", hasItem(containsString("Duplicate of line 2")));

        assertThat(Web.subscriptionStatus(good1, list)).isEqualTo("confirmed");
        assertThat(Web.subscriptionStatus(good2, list)).isEqualTo("confirmed");
        assertThat(Web.subscriptionStatus(pending, list)).isEqualTo("confirmed");
        assertThat(Web.subscriber(good1).get("name")).isEqualTo("Good One");
        assertThat(mailbox.settle(good1, Duration.ofMillis(800))).isEmpty();
        assertThat(mailbox.messagesTo(pending)).hasSize(1);

        String reimport = "email\n" + unsubscribed + "\n";
        Web.asAdmin().contentType("text/csv").body(reimport).post("/api/admin/lists/" + single + "/import")
                .then().statusCode(200).body("imported", equalTo(0)).body("skipped", equalTo(1))
                .body("errors[0].message", containsString("unsubscribed"));
        assertThat(Web.subscriptionStatus(unsubscribed, single)).isEqualTo("unsubscribed");
    }

    @Test
    void aFileWithoutAnEmailColumnIsRefused() {
        String list = Web.createList("import-header", true, "double");
        Web.asAdmin().contentType("text/csv").body("mail,name\na@example.org,A\n")
                .post("/api/admin/lists/" + list + "/import")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].message", containsString("email,name"));
    }

    @Test
    void aQuoteNeverClosedIsReportedAtItsLineAndTheRowsBeforeAreKept() {
        String list = Web.createList("import-quote", true, "double");
        String kept = Web.newAddress("import-quote");
        String csv = "email,name\n" + kept + ",Kept\n\"" + Web.newAddress("import-quote-lost") + ",Lost\n";
        String report = Web.asAdmin().contentType("text/csv").body(csv).post("/api/admin/lists/" + list + "/import")
                .then().statusCode(200).body("imported", equalTo(1))
                .body("errors[0].line", equalTo(3))
                .body("errors[0].message", containsString("never closed"))
                .extract().asString();
        assertThat(report).doesNotContain("Exception").doesNotContain("org.apache");
        assertThat(Web.subscriptionStatus(kept, list)).isEqualTo("confirmed");
    }

    @Test
    void importIntoAnUnknownListIs404() {
        Web.asAdmin().contentType("text/csv").body("email\na@example.org\n")
                .post("/api/admin/lists/no-such-list/import").then().statusCode(404)
                .contentType("application/problem+json");
    }
}
