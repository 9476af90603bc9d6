package org.newsletter.admin;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.newsletter.support.Browser;
import org.newsletter.support.Mailbox;
import org.newsletter.support.Web;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** The admin web in a real browser (headless Chromium) against the running service, database and SMTP. */
@QuarkusTest
class AdminWebTest {

    @TestHTTPResource("/")
    URL base;

    Mailbox mailbox;
    Browser browser;

    @Inject
    AgroalDataSource dataSource;

    @BeforeEach
    void openBrowser() {
        browser = new Browser(base.toString());
    }

    @AfterEach
    void closeBrowser() {
        browser.close();
    }

    @Test
    void editorSignsInComposesPreviewsSendsAndWatchesTheProgressBarReachAHundred() {
        String list = Web.createList("web", true, "single");
        List<String> readers = Web.addresses("web", 40);
        Web.importReaders(list, readers, IntStream.range(0, 40).mapToObj(i -> "Web Reader " + i).toList());
        Web.signUpByJson(Web.newAddress("web-chart"), null, List.of(list)).then().statusCode(202);
        Web.addArticle("Bridge reopens after repairs", List.of(list));

        browser.open("/admin");
        assertThat(browser.path()).startsWith("/admin/login");
        browser.signIn("admin", Web.ADMIN_PASSWORD);
        browser.await(ExpectedConditions.presenceOfElementLocated(By.id("activity-chart")), Duration.ofSeconds(10));
        assertThat(browser.path()).isEqualTo("/admin");
        assertThat(browser.find("main").getText()).contains("List " + list);
        assertThat(browser.driver().findElements(By.cssSelector("#activity-chart rect.signups"))).hasSize(30);
        assertThat(browser.driver().findElements(By.cssSelector("#activity-chart rect.signups"))
                .stream().anyMatch(r -> Integer.parseInt(r.getDomAttribute("height")) > 0)).isTrue();
        browser.screenshot("dashboard");

        browser.open("/admin/digests");
        new Select(browser.find("#list")).selectByValue(list);
        String subject = "Evening digest " + list;
        browser.find("#subject").sendKeys(subject);
        browser.find("form[action='/admin/digests'] button[type=submit]").click();
        browser.await(ExpectedConditions.presenceOfElementLocated(By.id("send")), Duration.ofSeconds(10));
        assertThat(browser.find("h1").getText()).isEqualTo(subject);

        browser.driver().switchTo().frame(browser.find("#preview"));
        String previewText = browser.await(d -> d.findElement(By.tagName("body")).getText(), Duration.ofSeconds(10));
        assertThat(previewText).contains("Bridge reopens after repairs").contains("Unsubscribe");
        browser.driver().switchTo().defaultContent();
        browser.screenshot("digest-preview");

        browser.find("#send").click();
        browser.await(ExpectedConditions.textToBe(By.id("percent"), "100"), Duration.ofSeconds(30));
        browser.await(ExpectedConditions.textToBe(By.id("status"), "sent"), Duration.ofSeconds(10));
        assertThat(browser.find("#sent").getText()).isEqualTo("41");
        assertThat(browser.find("#progress").getDomProperty("value")).isEqualTo(browser.find("#progress").getDomProperty("max"));
        browser.screenshot("digest-sent");
        for (String reader : readers) {
            assertThat(mailbox.messagesTo(reader, subject)).as(reader).hasSize(1);
        }
    }

    @Test
    void editorRetriesTheRecipientsARelayOutageLeftFailedButNotTheOneThatBounced() throws Exception {
        String list = Web.createList("outage-web", true, "single");
        List<String> readers = Web.addresses("outage-web", 3);
        String bounced = Web.newAddress("outage-web-bounced");
        Web.importReaders(list, java.util.stream.Stream.concat(readers.stream(), java.util.stream.Stream.of(bounced)).toList(), null);
        Web.addArticle("Ferry timetable changes", List.of(list));
        String subject = "Morning digest " + list;
        long id = Web.createDigest(list, subject);
        // the ledger as a relay outage leaves it: every row failed after its attempts, one address bounced for good
        sql("update digests set status = 'sent', started_at = now() - interval '10 minutes', finished_at = now() where id = ?", id);
        sql("""
                insert into deliveries (digest_id, subscriber_id, status, attempts, last_error)
                select ?, sub.subscriber_id, 'failed', 6, '451 4.4.1 Upstream temporarily unavailable'
                  from subscriptions sub join mailing_lists l on l.id = sub.list_id where l.slug = ?""", id, list);
        sql("insert into suppressions (email_hash, reason) select email_hash, 'bounce' from subscribers where email = ?", bounced);

        String editor = "desk-" + list;
        Web.asAdmin().contentType(ContentType.JSON)
                .body(Map.of("username", editor, "password", "desk-password-123", "role", "editor"))
                .post("/api/admin/accounts").then().statusCode(201);
        browser.signIn(editor, "desk-password-123");
        browser.await(ExpectedConditions.presenceOfElementLocated(By.id("activity-chart")), Duration.ofSeconds(10));
        browser.open("/admin/digests/" + id);
        assertThat(browser.find("main").getText()).contains("451 4.4.1 Upstream temporarily unavailable")
                .contains("bounced permanently are suppressed");
        assertThat(browser.find("#retry-failed").getText()).isEqualTo("Retry 3 failed recipients");
        browser.screenshot("digest-failures");

        browser.find("#retry-failed").click();
        browser.await(ExpectedConditions.textToBe(By.id("status"), "sent"), Duration.ofSeconds(30));
        browser.await(ExpectedConditions.textToBe(By.id("sent"), "3"), Duration.ofSeconds(10));
        assertThat(browser.find("#failed").getText()).isEqualTo("1");
        for (String reader : readers) {
            assertThat(mailbox.messagesTo(reader, subject)).as(reader).hasSize(1);
        }
        assertThat(mailbox.messagesTo(bounced, subject)).isEmpty();
        browser.open("/admin/digests/" + id);
        assertThat(browser.driver().findElements(By.id("retry-failed"))).as("nothing left to retry").isEmpty();
    }

    @Test
    void adminFindsAReaderSeesTheirHistoryTakesThemOffAListBlocksAndErasesThem() {
        String news = Web.createList("people", true, "single");
        String sport = Web.createList("people-sport", true, "single");
        String email = Web.newAddress("findme");
        Web.signUpByJson(email, "Gwen", List.of(news, sport)).then().statusCode(202);

        browser.signIn("admin", Web.ADMIN_PASSWORD);
        browser.await(ExpectedConditions.presenceOfElementLocated(By.id("activity-chart")), Duration.ofSeconds(10));
        browser.open("/admin/subscribers");
        browser.find("#q").sendKeys(email.substring(0, 14));
        browser.find("form[role=search] button").click();
        browser.await(ExpectedConditions.textToBe(By.id("total"), "1 subscriber(s)"), Duration.ofSeconds(10));
        browser.driver().findElement(By.linkText(email)).click();
        browser.await(ExpectedConditions.presenceOfElementLocated(By.id("erase")), Duration.ofSeconds(10));
        assertThat(browser.find("main").getText()).contains("Gwen").contains("List " + news).contains("signup");
        browser.screenshot("subscriber");

        browser.find("form[action$='/unsubscribe'] input[value='" + news + "'] ~ button").click();
        browser.await(ExpectedConditions.presenceOfElementLocated(By.id("erase")), Duration.ofSeconds(10));
        assertThat(Web.subscriptionStatus(email, news)).isEqualTo("unsubscribed");
        assertThat(Web.subscriptionStatus(email, sport)).isEqualTo("confirmed");

        browser.find("#block").click();
        browser.await(ExpectedConditions.textToBe(By.id("reader-status"), "blocklisted"), Duration.ofSeconds(10));

        browser.find("#erase").click();
        browser.await(ExpectedConditions.presenceOfElementLocated(By.id("total")), Duration.ofSeconds(10));
        assertThat(Web.countSubscribers(email)).isZero();
    }

    @Test
    void adminSchedulesAListsDigestSeesTheNextRunIsToldWhatIsWrongWithABadOneAndRemovesIt() {
        String slug = Web.createList("schedule-web", true, "single");
        browser.signIn("admin", Web.ADMIN_PASSWORD);
        browser.await(ExpectedConditions.presenceOfElementLocated(By.id("activity-chart")), Duration.ofSeconds(10));
        browser.open("/admin/lists/" + slug);
        assertThat(browser.find("#schedule").getText()).contains("No schedule");

        browser.find("#cron").clear();
        browser.find("#cron").sendKeys("30 6 * * 1-5");
        browser.find("#zone").clear();
        browser.find("#zone").sendKeys("Europe/Berlin");
        browser.find("#schedule-subject").sendKeys("Morning briefing");
        browser.find("#save-schedule").click();
        browser.await(ExpectedConditions.presenceOfElementLocated(By.id("next-run")), Duration.ofSeconds(10));
        String next = browser.find("#next-run").getText();
        assertThat(next).contains("06:30 (Europe/Berlin)").doesNotContain("Sat").doesNotContain("Sun");
        assertThat(browser.find("#schedule").getText()).contains("30 6 * * 1-5").contains("Morning briefing");
        Map<String, Object> schedule = Web.asAdmin().get("/api/admin/lists/" + slug).then().statusCode(200)
                .extract().jsonPath().getMap("digestSchedule");
        assertThat(schedule).containsEntry("cron", "30 6 * * 1-5").containsEntry("zone", "Europe/Berlin")
                .containsEntry("subject", "Morning briefing");
        browser.screenshot("list-schedule");

        browser.find("#cron").clear();
        browser.find("#cron").sendKeys("99 * * * *");
        browser.find("#save-schedule").click();
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "Not a valid cron expression"),
                Duration.ofSeconds(10));
        assertThat(Web.asAdmin().get("/api/admin/lists/" + slug).then().extract().jsonPath().getString("digestSchedule.cron"))
                .as("the bad schedule changed nothing").isEqualTo("30 6 * * 1-5");

        browser.open("/admin/lists/" + slug);
        browser.find("#remove-schedule").click();
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("schedule"), "No schedule"), Duration.ofSeconds(10));
        assertThat(Web.asAdmin().get("/api/admin/lists/" + slug).then().extract().jsonPath().getMap("digestSchedule")).isNull();
    }

    @Test
    void adminCreatesAListImportsACsvWithAReportGetsTheEmbedSnippetAndArchivesIt() throws Exception {
        browser.signIn("admin", Web.ADMIN_PASSWORD);
        browser.await(ExpectedConditions.presenceOfElementLocated(By.id("activity-chart")), Duration.ofSeconds(10));
        browser.open("/admin/lists");
        String slug = Web.newSlug("browser");
        browser.find("#slug").sendKeys(slug);
        browser.find("#name").sendKeys("Morning Briefing");
        browser.find("#description").sendKeys("Every morning");
        browser.find("form[action='/admin/lists'] button[type=submit]").click();
        browser.await(ExpectedConditions.presenceOfElementLocated(By.id("snippet")), Duration.ofSeconds(10));
        assertThat(browser.find("h1").getText()).isEqualTo("Morning Briefing");
        String snippet = browser.find("#snippet").getDomProperty("value");
        assertThat(snippet).contains("<form class=\"newsletter-signup\"").contains("data-list=\"" + slug + "\"")
                .contains("/api/subscriptions").contains("You can unsubscribe at any time");

        java.nio.file.Path csv = java.nio.file.Files.createTempFile("readers", ".csv");
        String good = Web.newAddress("csv-good");
        java.nio.file.Files.writeString(csv, "email,name\n" + good + ",Good Reader\nnot-an-address,Bad\n");
        browser.find("#file").sendKeys(csv.toAbsolutePath().toString());
        browser.find("form[action$='/import'] button[type=submit]").click();
        browser.await(ExpectedConditions.presenceOfElementLocated(By.id("imported")), Duration.ofSeconds(10));
        assertThat(browser.find("#imported").getText()).isEqualTo("1");
        assertThat(browser.find("#skipped").getText()).isEqualTo("1");
        assertThat(browser.find("main").getText()).contains("3");
        browser.screenshot("import-report");
        assertThat(Web.subscriptionStatus(good, slug)).isEqualTo("confirmed");

        String exported = Web.asAdmin().get("/api/admin/lists/" + slug + "/export").then().statusCode(200)
                .contentType(org.hamcrest.Matchers.containsString("text/csv")).extract().asString();
        assertThat(exported).startsWith("email,name,confirmed_at").contains(good + ",Good Reader,");

        browser.open("/admin/lists/" + slug);
        browser.find("#archive").click();
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("main"), "archived"), Duration.ofSeconds(10));
        given().get("/api/lists").then().body("slug", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(slug)));
    }

    @Test
    void editorAddsAndRemovesArticlesAndSeesAFeedsLastError() {
        String list = Web.createList("articles-web", true, "single");
        String editor = "art-editor-" + java.util.UUID.randomUUID().toString().substring(0, 6);
        Web.asAdmin().contentType(ContentType.JSON)
                .body(Map.of("username", editor, "password", "editor-password-123", "role", "editor"))
                .post("/api/admin/accounts").then().statusCode(201);
        browser.signIn(editor, "editor-password-123");
        browser.await(ExpectedConditions.presenceOfElementLocated(By.id("activity-chart")), Duration.ofSeconds(10));
        browser.open("/admin/articles");

        String title = "Harbour festival " + list;
        browser.find("#title").sendKeys(title);
        browser.find("#url").sendKeys("https://site.example.com/" + list + "/festival");
        browser.find("form[action='/admin/articles'] input[value='" + list + "']").click();
        browser.find("form[action='/admin/articles'] button[type=submit]").click();
        browser.await(ExpectedConditions.presenceOfElementLocated(By.linkText(title)), Duration.ofSeconds(10));

        browser.find("#feed-url").sendKeys("http://127.0.0.1:9/unreachable-" + list + ".xml");
        browser.find("form[action='/admin/articles/feeds'] input[value='" + list + "']").click();
        browser.find("form[action='/admin/articles/feeds'] button[type=submit]").click();
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("main"), "unreachable-" + list), Duration.ofSeconds(10));
        browser.driver().findElements(By.cssSelector("form[action$='/poll'] button")).stream()
                .reduce((first, second) -> second).orElseThrow().click();
        browser.await(ExpectedConditions.presenceOfElementLocated(By.id("polled")), Duration.ofSeconds(30));
        assertThat(browser.find("#polled").getText()).startsWith("Polling failed: The feed could not be fetched");
        browser.screenshot("articles-and-feeds");

        browser.driver().findElement(By.xpath("//tr[td/a[text()='" + title + "']]//button")).click();
        browser.await(ExpectedConditions.invisibilityOfElementLocated(By.linkText(title)), Duration.ofSeconds(10));
        Web.asAdmin().queryParam("list", list).get("/api/admin/articles").then().body("total", org.hamcrest.Matchers.equalTo(0));
    }

    @Test
    void anEditorIsRefusedAccountManagementAndAWrongPasswordIsTurnedAway() {
        String editor = "web-editor-" + java.util.UUID.randomUUID().toString().substring(0, 6);
        browser.signIn("admin", Web.ADMIN_PASSWORD);
        browser.await(ExpectedConditions.presenceOfElementLocated(By.id("activity-chart")), Duration.ofSeconds(10));
        browser.open("/admin/accounts");
        browser.find("#new-username").sendKeys(editor);
        browser.find("#new-password").sendKeys("editor-password-123");
        new Select(browser.find("#new-role")).selectByValue("editor");
        browser.find("form[action='/admin/accounts'] button[type=submit]").click();
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("main table"), editor), Duration.ofSeconds(10));
        browser.find("header form button").click(); // sign out
        browser.await(ExpectedConditions.presenceOfElementLocated(By.id("username")), Duration.ofSeconds(10));

        browser.signIn(editor, "not-the-password");
        browser.await(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".error")), Duration.ofSeconds(10));
        assertThat(browser.find(".error").getText()).contains("did not match");

        browser.signIn(editor, "editor-password-123");
        browser.await(ExpectedConditions.presenceOfElementLocated(By.id("activity-chart")), Duration.ofSeconds(10));
        browser.open("/admin/accounts");
        assertThat(browser.find("body").getText()).contains("role does not allow this");
        browser.screenshot("editor-refused-accounts");
        given().get("/admin/accounts").then().statusCode(200).body(org.hamcrest.Matchers.containsString("Sign in"));
    }

    private void sql(String statement, Object... parameters) throws java.sql.SQLException {
        try (java.sql.Connection c = dataSource.getConnection(); java.sql.PreparedStatement ps = c.prepareStatement(statement)) {
            for (int i = 0; i < parameters.length; i++) {
                ps.setObject(i + 1, parameters[i]);
            }
            ps.executeUpdate();
        }
    }
}
