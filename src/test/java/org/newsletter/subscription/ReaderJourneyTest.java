package org.newsletter.subscription;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.newsletter.support.Mailbox;
import org.newsletter.support.Web;

import java.time.Duration;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** The whole reader journey over real HTTP, a real database and real SMTP. */
@QuarkusTest
class ReaderJourneyTest {

    Mailbox mailbox;

    @Test
    void readerSignsUpByJsonConfirmsGetsWelcomesAndLeavesOneListWithOneClick() {
        String news = Web.createList("news", true, "double");
        String sport = Web.createList("sport", true, "double");
        String email = Web.newAddress("journey-json");

        Web.signUpByJson(email, "Ada", List.of(news, sport)).then().statusCode(202).body("status", equalTo("pending"));

        MimeMessage confirmation = mailbox.await(email, 1).get(0);
        assertThat(Mailbox.subject(confirmation)).contains("confirm");
        assertThat(Mailbox.part(confirmation, "text/html")).contains("List " + news).contains("List " + sport);
        assertThat(Mailbox.header(confirmation, "List-Unsubscribe")).startsWith("<https://news.example.com/unsubscribe/");
        assertThat(Mailbox.header(confirmation, "List-Unsubscribe-Post")).isEqualTo("List-Unsubscribe=One-Click");
        assertThat(Web.subscriptionStatus(email, news)).isEqualTo("pending");

        confirmThroughPage(Mailbox.link(confirmation, Web.BASE_URL + "/confirm/"));

        assertThat(Web.subscriptionStatus(email, news)).isEqualTo("confirmed");
        assertThat(Web.subscriptionStatus(email, sport)).isEqualTo("confirmed");
        List<MimeMessage> all = mailbox.await(email, 3);
        MimeMessage welcomeToNews = welcomeFor(all, news);
        assertThat(welcomeFor(all, sport)).isNotNull();
        assertThat(Mailbox.header(welcomeToNews, "List-Unsubscribe-Post")).isEqualTo("List-Unsubscribe=One-Click");
        assertThat(Mailbox.header(welcomeToNews, "List-Id")).contains("<" + news + ".news.example.com>");
        assertThat(Mailbox.part(welcomeToNews, "text/plain")).contains("Hello Ada").contains("/unsubscribe/").contains("/preferences/");

        String oneClick = Mailbox.header(welcomeToNews, "List-Unsubscribe").replaceAll("^<|>$", "");
        given().contentType(ContentType.URLENC).formParam("List-Unsubscribe", "One-Click")
                .redirects().follow(false)
                .post(Web.path(oneClick))
                .then().statusCode(200).contentType(containsString("text/html")).body(containsString("unsubscribed"));

        assertThat(Web.subscriptionStatus(email, news)).isEqualTo("unsubscribed");
        assertThat(Web.subscriptionStatus(email, sport)).isEqualTo("confirmed");
    }

    @Test
    void readerSignsUpThroughTheFormAndConfirms() {
        String news = Web.createList("form-news", true, "double");
        String local = Web.createList("form-local", true, "double");
        String email = Web.newAddress("journey-form");

        Web.FormPage form = Web.getForm("/");
        assertThat(form.html()).contains("List " + news).contains("You can unsubscribe at any time");
        form.post().header("X-Forwarded-For", "192.0.2.10")
                .formParam("email", email).formParam("name", "Grace")
                .formParam("list", news).formParam("list", local)
                .redirects().follow(false)
                .post("/subscribe")
                .then().statusCode(303).header("Location", containsString("/check-inbox"));

        MimeMessage confirmation = mailbox.await(email, 1).get(0);
        confirmThroughPage(Mailbox.link(confirmation, Web.BASE_URL + "/confirm/"));
        assertThat(Web.subscriptionStatus(email, news)).isEqualTo("confirmed");
        assertThat(Web.subscriptionStatus(email, local)).isEqualTo("confirmed");
        assertThat(mailbox.await(email, 3)).hasSize(3);
    }

    @Test
    void confirmingTwiceChangesNothingAndSendsNoSecondWelcome() {
        String news = Web.createList("twice", true, "double");
        String email = Web.newAddress("twice");
        Web.signUpByJson(email, null, List.of(news)).then().statusCode(202);
        String link = Mailbox.link(mailbox.await(email, 1).get(0), Web.BASE_URL + "/confirm/");

        confirmThroughPage(link);
        confirmThroughPage(link);

        assertThat(Web.subscriptionStatus(email, news)).isEqualTo("confirmed");
        assertThat(mailbox.settle(email, Duration.ofMillis(800))).hasSize(2);
    }

    @Test
    void singleOptInListConfirmsAtOnceWithAWelcomeAndNoConfirmationMail() {
        String breaking = Web.createList("breaking", true, "single");
        String email = Web.newAddress("single");

        Web.signUpByJson(email, null, List.of(breaking)).then().statusCode(202);

        assertThat(Web.subscriptionStatus(email, breaking)).isEqualTo("confirmed");
        List<MimeMessage> received = mailbox.await(email, 1);
        assertThat(Mailbox.subject(received.get(0))).startsWith("Welcome to");
        assertThat(mailbox.settle(email, Duration.ofMillis(500))).hasSize(1);
    }

    @Test
    void oneClickInTheConfirmationMailCancelsTheSignupAndStopsFurtherConfirmationMail() {
        String news = Web.createList("cancel", true, "double");
        String email = Web.newAddress("not-me");
        Web.signUpByJson(email, null, List.of(news)).then().statusCode(202);
        MimeMessage confirmation = mailbox.await(email, 1).get(0);
        String oneClick = Mailbox.header(confirmation, "List-Unsubscribe").replaceAll("^<|>$", "");

        given().multiPart("List-Unsubscribe", "One-Click").post(Web.path(oneClick))
                .then().statusCode(200).body(containsString("unsubscribed"));

        assertThat(Web.subscriptionStatus(email, news)).isEqualTo("unsubscribed");
        Web.signUpByJson(email, null, List.of(news)).then().statusCode(202);
        assertThat(mailbox.settle(email, Duration.ofSeconds(1))).hasSize(1);
        String confirm = Web.path(Mailbox.link(confirmation, Web.BASE_URL + "/confirm/"));
        Web.getForm(confirm).post().post(confirm).then().statusCode(400).body(containsString("sign up again"));
        assertThat(Web.subscriptionStatus(email, news)).isNotEqualTo("confirmed");
    }

    @Test
    void unsubscribeLinkGetShowsAButtonAndChangesNothing() {
        String news = Web.createList("scanner", true, "single");
        String email = Web.newAddress("scanner");
        Web.signUpByJson(email, null, List.of(news)).then().statusCode(202);
        String unsubscribe = Mailbox.link(mailbox.await(email, 1).get(0), Web.BASE_URL + "/unsubscribe/");

        given().get(Web.path(unsubscribe)).then().statusCode(200).body(containsString("<button"));
        assertThat(Web.subscriptionStatus(email, news)).isEqualTo("confirmed");

        given().contentType(ContentType.URLENC).formParam("confirm", "yes").post(Web.path(unsubscribe))
                .then().statusCode(200);
        assertThat(Web.subscriptionStatus(email, news)).isEqualTo("unsubscribed");
    }

    @Test
    void preferencesPageChangesListsAndUnsubscribesFromAll() {
        String a = Web.createList("pref-a", true, "single");
        String b = Web.createList("pref-b", true, "single");
        String email = Web.newAddress("prefs");
        Web.signUpByJson(email, null, List.of(a)).then().statusCode(202);
        String prefs = Mailbox.link(mailbox.await(email, 1).get(0), Web.BASE_URL + "/preferences/");

        Web.FormPage page = Web.getForm(Web.path(prefs));
        assertThat(page.html()).contains("value=\"" + a + "\" checked").contains("value=\"" + b + "\" >");
        page.post().formParam("list", b).formParam("action", "save").post(Web.path(prefs))
                .then().statusCode(200).body(containsString("saved"));
        assertThat(Web.subscriptionStatus(email, a)).isEqualTo("unsubscribed");
        assertThat(Web.subscriptionStatus(email, b)).isEqualTo("confirmed");

        page.post().formParam("list", b).formParam("action", "unsubscribe-all").post(Web.path(prefs))
                .then().statusCode(200);
        assertThat(Web.subscriptionStatus(email, b)).isEqualTo("unsubscribed");
    }

    @Test
    void consentHistoryRecordsSourceListsAddressAndConsentText() {
        String news = Web.createList("consent", true, "double");
        String email = Web.newAddress("consent");
        given().header("X-Forwarded-For", "203.0.113.77").header("User-Agent", "JourneyBrowser/1.0")
                .contentType(ContentType.JSON).body(java.util.Map.of("email", email, "lists", List.of(news)))
                .post("/api/subscriptions").then().statusCode(202);

        @SuppressWarnings("unchecked")
        List<java.util.Map<String, Object>> consent = (List<java.util.Map<String, Object>>) Web.subscriber(email).get("consent");
        assertThat(consent).hasSize(1);
        assertThat(consent.get(0)).containsEntry("action", "signup").containsEntry("source", "api")
                .containsEntry("ipAddress", "203.0.113.77").containsEntry("userAgent", "JourneyBrowser/1.0")
                .containsEntry("lists", List.of(news));
        assertThat((String) consent.get(0).get("consentText")).startsWith("You can unsubscribe at any time");
    }

    private void confirmThroughPage(String confirmUrl) {
        Web.FormPage page = Web.getForm(Web.path(confirmUrl));
        assertThat(page.html()).contains("<button");
        page.post().post(Web.path(confirmUrl)).then().statusCode(200).body(containsString("You are subscribed"));
    }

    private static MimeMessage welcomeFor(List<MimeMessage> messages, String slug) {
        return messages.stream().filter(m -> Mailbox.subject(m).equals("Welcome to List " + slug)).findFirst()
                .orElseThrow(() -> new AssertionError("No welcome mail for " + slug));
    }
}
