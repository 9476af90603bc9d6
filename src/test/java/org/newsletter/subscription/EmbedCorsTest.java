package org.newsletter.subscription;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/** The embeddable form on the site's pages may call the JSON API; other sites may not. */
@QuarkusTest
class EmbedCorsTest {

    @Test
    void theConfiguredSiteMayPostSignupsOthersGetNoCorsGrant() {
        given().header("Origin", "https://site.example.com").header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type")
                .options("/api/subscriptions").then()
                .header("Access-Control-Allow-Origin", equalTo("https://site.example.com"))
                .header("Access-Control-Allow-Credentials", org.hamcrest.Matchers.anyOf(nullValue(), equalTo("false")));

        given().header("Origin", "https://elsewhere.example.net").header("Access-Control-Request-Method", "POST")
                .options("/api/subscriptions").then()
                .header("Access-Control-Allow-Origin", nullValue());
    }
}
