package org.newsletter.subscription;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.newsletter.common.LinkTokens;
import org.newsletter.support.Mailbox;
import org.newsletter.support.Web;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

/** Tampered, expired and cross-purpose link tokens are refused with a friendly page, and change nothing. */
@QuarkusTest
class LinkTokenTest {

    Mailbox mailbox;

    @Inject
    LinkTokens tokens;

    @Test
    void tamperedTokensAreRefused() {
        String list = Web.createList("tamper", true, "double");
        String email = Web.newAddress("tamper");
        Web.signUpByJson(email, null, List.of(list)).then().statusCode(202);
        String confirm = Web.path(Mailbox.link(mailbox.await(email, 1).get(0), Web.BASE_URL + "/confirm/"));
        String token = confirm.substring("/confirm/".length());
        char last = token.charAt(token.length() - 1);
        String tampered = token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');
        char fifth = token.charAt(5);
        String otherPayload = token.substring(0, 5) + (fifth == 'A' ? 'B' : 'A') + token.substring(6);

        for (String bad : List.of(tampered, otherPayload, "garbage", "a.b", token + "x")) {
            given().get("/confirm/" + bad).then().statusCode(400).contentType(containsString("text/html"))
                    .body(containsString("sign up again"));
        }
        assertThat(Web.subscriptionStatus(email, list)).isEqualTo("pending");
    }

    @Test
    void expiredConfirmationTokensAreRefused() {
        String list = Web.createList("expired", true, "double");
        String email = Web.newAddress("expired");
        Web.signUpByJson(email, null, List.of(list)).then().statusCode(202);
        String confirm = Web.path(Mailbox.link(mailbox.await(email, 1).get(0), Web.BASE_URL + "/confirm/"));
        LinkTokens.Claims claims = tokens.verify(confirm.substring("/confirm/".length()), LinkTokens.Purpose.CONFIRM).orElseThrow();

        String expired = tokens.issue(LinkTokens.Purpose.CONFIRM, claims.subscriber(), claims.scope(), Instant.now().minusSeconds(1));
        given().get("/confirm/" + expired).then().statusCode(400).body(containsString("expired"));
        String stillValid = tokens.issue(LinkTokens.Purpose.CONFIRM, claims.subscriber(), claims.scope(), Instant.now().plusSeconds(60));
        given().get("/confirm/" + stillValid).then().statusCode(200);
    }

    @Test
    void tokensOnlyWorkForTheirPurpose() {
        String list = Web.createList("purpose", true, "single");
        String email = Web.newAddress("purpose");
        Web.signUpByJson(email, null, List.of(list)).then().statusCode(202);
        var welcome = mailbox.await(email, 1).get(0);
        String unsubscribeToken = Mailbox.link(welcome, Web.BASE_URL + "/unsubscribe/").substring((Web.BASE_URL + "/unsubscribe/").length());
        String preferencesToken = Mailbox.link(welcome, Web.BASE_URL + "/preferences/").substring((Web.BASE_URL + "/preferences/").length());

        given().get("/confirm/" + unsubscribeToken).then().statusCode(400);
        given().get("/preferences/" + unsubscribeToken).then().statusCode(400);
        given().get("/unsubscribe/" + preferencesToken).then().statusCode(400);
        given().contentType(ContentType.URLENC).formParam("List-Unsubscribe", "One-Click")
                .post("/unsubscribe/" + preferencesToken).then().statusCode(400);
        assertThat(Web.subscriptionStatus(email, list)).isEqualTo("confirmed");
    }

    @Test
    void tokenForAnotherReaderOrListDoesNotVerifyAsThisOne() {
        UUID reader = UUID.randomUUID();
        String token = tokens.unsubscribe(reader, 41);
        LinkTokens.Claims claims = tokens.verify(token, LinkTokens.Purpose.UNSUBSCRIBE).orElseThrow();
        assertThat(claims.subscriber()).isEqualTo(reader);
        assertThat(claims.scope()).isEqualTo(41);
        assertThat(tokens.verify(token, LinkTokens.Purpose.CONFIRM, LinkTokens.Purpose.PREFERENCES)).isEmpty();
    }
}
