package org.newsletter.subscription;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.newsletter.support.Mailbox;
import org.newsletter.support.Web;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

/** Bad input gets a 4xx saying what to fix, never a 500, and nothing is stored for it. */
@QuarkusTest
class SignupInputTest {

    Mailbox mailbox;

    @Test
    void answerIsByteIdenticalForNewPendingAndConfirmedAddresses() {
        String list = Web.createList("enum", true, "double");
        String single = Web.createList("enum-single", true, "single");
        String fresh = Web.newAddress("fresh");
        String pending = Web.newAddress("pending");
        String confirmed = Web.newAddress("confirmed");
        Web.signUpByJson(pending, null, List.of(list)).then().statusCode(202);
        Web.signUpByJson(confirmed, null, List.of(single)).then().statusCode(202);
        assertThat(Web.subscriptionStatus(confirmed, single)).isEqualTo("confirmed");

        Response a = Web.signUpByJson(fresh, null, List.of(single));
        Response b = Web.signUpByJson(pending, null, List.of(single));
        Response c = Web.signUpByJson(confirmed, null, List.of(single));

        for (Response r : List.of(a, b, c)) {
            assertThat(r.statusCode()).isEqualTo(202);
            assertThat(r.contentType()).isEqualTo(a.contentType());
            assertThat(r.asByteArray()).isEqualTo(a.asByteArray());
        }
        assertThat(a.asString()).isEqualTo("{\"status\":\"pending\"}");
    }

    @Test
    void missingFieldsAreNamedInProblemJson() {
        Web.fromFreshIp().contentType(ContentType.JSON).body("{}").post("/api/subscriptions")
                .then().statusCode(400).contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("errors.field", hasItem("email"))
                .body("errors.field", hasItem("lists"))
                .body("errors.message", hasItem("Please select at least one mailing list"));
    }

    @Test
    void malformedJsonWrongTypesAndWrongContentTypeAre4xx() {
        Web.fromFreshIp().contentType(ContentType.JSON).body("{\"email\": ").post("/api/subscriptions")
                .then().statusCode(400).contentType("application/problem+json").body("detail", notNullValue());
        Web.fromFreshIp().contentType(ContentType.JSON).body("[1,2]").post("/api/subscriptions")
                .then().statusCode(400).contentType("application/problem+json");
        Web.fromFreshIp().contentType(ContentType.JSON).body("{\"email\": \"a@b.org\", \"lists\": \"news\"}")
                .post("/api/subscriptions").then().statusCode(400).contentType("application/problem+json");
        Web.fromFreshIp().contentType(ContentType.TEXT).body("email=a@b.org").post("/api/subscriptions")
                .then().statusCode(415).contentType("application/problem+json");
    }

    @Test
    void invalidAddressesAreRefusedAndNothingIsStored() {
        String list = Web.createList("addr", true, "single");
        String longLocal = "a".repeat(65) + "@example.org";
        String tooLong = "b".repeat(60) + "@" + "c".repeat(200) + ".example.org";
        for (String bad : List.of("not-an-address", "two@@example.org", "spaces in@example.org", "x@localhost",
                "line\r\nbreak@example.org", longLocal, tooLong)) {
            Web.fromFreshIp().contentType(ContentType.JSON).body(Map.of("email", bad, "lists", List.of(list)))
                    .post("/api/subscriptions")
                    .then().statusCode(400).body("errors[0].field", equalTo("email"))
                    .body("errors[0].message", containsString("Enter a valid email address"));
        }
        assertThat(Web.countSubscribers("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa@")).isZero();
        assertThat(Web.countSubscribers("not-an-address")).isZero();
    }

    @Test
    void anAddressWithNonAsciiLettersBeforeTheAtIsRefusedRatherThanMangledOnTheWayOut() {
        String list = Web.createList("eai", true, "single");
        String local = "jörg-" + java.util.UUID.randomUUID().toString().substring(0, 8);

        Web.fromFreshIp().contentType(ContentType.JSON).body(Map.of("email", local + "@example.org", "lists", List.of(list)))
                .post("/api/subscriptions")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("email"))
                .body("errors[0].message", containsString("not supported yet"));
        assertThat(Web.countSubscribers(local)).isZero();
    }

    @Test
    void controlCharactersAndOversizedNamesAreRefused() {
        String list = Web.createList("names", true, "single");
        String email = Web.newAddress("names");
        Web.fromFreshIp().contentType(ContentType.JSON)
                .body(Map.of("email", email, "name", "Eve\r\nBcc: victim@example.org", "lists", List.of(list)))
                .post("/api/subscriptions").then().statusCode(400).body("errors[0].field", equalTo("name"));
        Web.fromFreshIp().contentType(ContentType.JSON)
                .body(Map.of("email", email, "name", "n".repeat(201), "lists", List.of(list)))
                .post("/api/subscriptions").then().statusCode(400).body("errors[0].field", equalTo("name"));
        assertThat(Web.countSubscribers(email)).isZero();
    }

    @Test
    void unknownAndPrivateListsAreRefused() {
        String privateList = Web.createList("private", false, "single");
        String email = Web.newAddress("private");
        Web.signUpByJson(email, null, List.of(privateList)).then().statusCode(400)
                .body("errors[0].field", equalTo("lists"))
                .body("errors[0].message", containsString("Unknown mailing list"));
        Web.signUpByJson(email, null, List.of("no-such-list")).then().statusCode(400);
        assertThat(Web.countSubscribers(email)).isZero();
        given().get("/api/lists").then().statusCode(200).body("slug", org.hamcrest.Matchers.not(hasItem(privateList)));
    }

    @Test
    void oversizedBodiesAreRefusedWith413() {
        String huge = "{\"email\":\"a@example.org\",\"name\":\"" + "x".repeat(100_000) + "\",\"lists\":[\"a\"]}";
        Web.fromFreshIp().contentType(ContentType.JSON).body(huge).post("/api/subscriptions")
                .then().statusCode(413).contentType("application/problem+json");
    }

    @Test
    void bodiesSentWithoutALengthAreHeldToTheSameLimitAndSmallOnesStillWork() throws Exception {
        String huge = "{\"email\":\"a@example.org\",\"name\":\"" + "x".repeat(3_000_000) + "\",\"lists\":[\"a\"]}";
        HttpResponse<String> json = postChunked("/api/subscriptions", "application/json", huge);
        assertThat(json.statusCode()).isEqualTo(413);
        assertThat(json.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
        assertThat(json.body()).contains("too large");

        HttpResponse<String> form = postChunked("/subscribe", "application/x-www-form-urlencoded",
                "email=a%40example.org&name=" + "x".repeat(3_000_000));
        assertThat(form.statusCode()).isEqualTo(413);
        assertThat(form.body()).contains("Too much data");

        String list = Web.createList("chunked", true, "single");
        String email = Web.newAddress("chunked");
        HttpResponse<String> small = postChunked("/api/subscriptions", "application/json",
                "{\"email\":\"" + email + "\",\"lists\":[\"" + list + "\"]}");
        assertThat(small.statusCode()).isEqualTo(202);
        assertThat(Web.subscriptionStatus(email, list)).isEqualTo("confirmed");
    }

    /** A POST whose body has no declared length: sent chunked, as a streaming client does. */
    private static HttpResponse<String> postChunked(String path, String type, String body) throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(io.restassured.RestAssured.baseURI + ":"
                        + io.restassured.RestAssured.port + path))
                .header("Content-Type", type).header("X-Forwarded-For", "198.51.100." + (1 + (int) (Math.random() * 250)))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes))).build();
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void formShowsTheMessageNextToTheFieldAndKeepsTheInput() {
        Web.createList("form-errors", true, "double");
        Web.FormPage form = Web.getForm("/");
        String html = form.post().header("X-Forwarded-For", "192.0.2.44")
                .formParam("email", "someone@example.org").formParam("name", "<script>alert(1)</script>")
                .post("/subscribe")
                .then().statusCode(400).contentType(containsString("text/html")).extract().asString();
        assertThat(html).contains("Please select at least one mailing list")
                .contains("value=\"someone@example.org\"")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                .doesNotContain("<script>alert(1)</script>");

        String invalid = Web.getForm("/").post().header("X-Forwarded-For", "192.0.2.45")
                .formParam("email", "nope").post("/subscribe").then().statusCode(400).extract().asString();
        assertThat(invalid).contains("Enter a valid email address");
    }

    @Test
    void aSignupThatFillsTheHiddenTrapFieldIsAnsweredAsUsualAndNothingHappens() {
        String list = Web.createList("trap", true, "double");
        String byForm = Web.newAddress("trap-form");
        String byJson = Web.newAddress("trap-json");
        Web.FormPage form = Web.getForm("/");
        assertThat(form.html()).contains("name=\"nl-trap\"").contains("aria-hidden=\"true\"");

        form.post().header("X-Forwarded-For", "198.18.9.1").formParam("email", byForm).formParam("list", list)
                .formParam("nl-trap", "https://spam.example").redirects().follow(false).post("/subscribe")
                .then().statusCode(303).header("Location", containsString("/check-inbox"));
        Web.fromFreshIp().contentType(ContentType.JSON)
                .body(Map.of("email", byJson, "lists", List.of(list), "trap", "Buy now"))
                .post("/api/subscriptions").then().statusCode(202).body("status", equalTo("pending"));

        assertThat(Web.countSubscribers(byForm)).isZero();
        assertThat(Web.countSubscribers(byJson)).isZero();
        assertThat(mailbox.settle(byForm, Duration.ofMillis(500))).isEmpty();
        // an empty trap, as every browser sends it, is a signup like any other
        Web.fromFreshIp().contentType(ContentType.JSON)
                .body(Map.of("email", byJson, "lists", List.of(list), "trap", ""))
                .post("/api/subscriptions").then().statusCode(202);
        assertThat(mailbox.await(byJson, 1)).hasSize(1);
    }

    @Test
    void formWithoutCsrfTokenIsRefused() {
        String list = Web.createList("csrf", true, "single");
        String email = Web.newAddress("csrf");
        given().contentType(ContentType.URLENC).formParam("email", email).formParam("list", list)
                .post("/subscribe").then().statusCode(400).contentType(containsString("text/html"))
                .body(containsString("reload the page and try again"));
        assertThat(Web.countSubscribers(email)).isZero();
    }

    @Test
    void signupsFromOneAddressAreRateLimitedWithRetryAfter() {
        String list = Web.createList("rate", true, "double");
        int accepted = 0;
        Response last = null;
        for (int i = 0; i < 25; i++) {
            last = given().header("X-Forwarded-For", "203.0.113.200").contentType(ContentType.JSON)
                    .body(Map.of("email", Web.newAddress("rate"), "lists", List.of(list))).post("/api/subscriptions");
            if (last.statusCode() == 202) {
                accepted++;
            } else {
                break;
            }
        }
        assertThat(accepted).isEqualTo(20);
        assertThat(last.statusCode()).isEqualTo(429);
        assertThat(Integer.parseInt(last.header("Retry-After"))).isPositive();
        assertThat(last.contentType()).isEqualTo("application/problem+json");
    }

    @Test
    void atMostThreeConfirmationMailsPerAddressPerDayWhateverTheRequestsSay() {
        String list = Web.createList("cap", true, "double");
        String email = Web.newAddress("bombed");
        for (int i = 0; i < 6; i++) {
            Web.signUpByJson(email, null, List.of(list)).then().statusCode(202);
        }
        mailbox.await(email, 3);
        assertThat(mailbox.settle(email, Duration.ofSeconds(1))).hasSize(3);
    }
}
