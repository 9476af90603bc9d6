package org.newsletter.lists;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.newsletter.support.Web;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** The admin API for lists: authenticated, validated, with subscriber counts. */
@QuarkusTest
class AdminListApiTest {

    @Test
    void anonymousAndWrongPasswordAreRefused() {
        given().get("/api/admin/lists").then().statusCode(401);
        given().auth().preemptive().basic("admin", "wrong-password").get("/api/admin/lists").then().statusCode(401);
        given().get("/api/admin/subscribers").then().statusCode(401);
    }

    @Test
    void createReadUpdateDeleteWithCounts() {
        String slug = Web.createList("crud", true, "double");
        Web.signUpByJson(Web.newAddress("crud"), null, List.of(slug)).then().statusCode(202);

        Web.asAdmin().get("/api/admin/lists/" + slug).then().statusCode(200)
                .body("slug", equalTo(slug)).body("public", equalTo(true)).body("optIn", equalTo("double"))
                .body("subscribers.pending", equalTo(1)).body("subscribers.confirmed", equalTo(0));

        Web.asAdmin().contentType(ContentType.JSON)
                .body(Map.of("slug", slug, "name", "Renamed", "description", "New", "public", false, "optIn", "single"))
                .put("/api/admin/lists/" + slug).then().statusCode(200)
                .body("name", equalTo("Renamed")).body("public", equalTo(false)).body("optIn", equalTo("single"));
        given().get("/api/lists").then().body("slug", org.hamcrest.Matchers.not(hasItem(slug)));

        Web.asAdmin().delete("/api/admin/lists/" + slug).then().statusCode(204);
        Web.asAdmin().get("/api/admin/lists/" + slug).then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void invalidListsAreExplainedAndDuplicatesConflict() {
        Web.asAdmin().contentType(ContentType.JSON).body(Map.of("slug", "Not A Slug!", "name", "", "optIn", "triple"))
                .post("/api/admin/lists").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("slug")).body("errors.field", hasItem("name"))
                .body("errors.field", hasItem("optIn"));
        String slug = Web.createList("dup", true, "double");
        Web.asAdmin().contentType(ContentType.JSON).body(Map.of("slug", slug, "name", "Again"))
                .post("/api/admin/lists").then().statusCode(409).body("detail", containsString("exists already"));
        Web.asAdmin().contentType(ContentType.JSON).body("not json").post("/api/admin/lists")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void subscriberSearchFiltersByListStatusAndText() {
        String slug = Web.createList("search", true, "single");
        String email = Web.newAddress("findme");
        Web.signUpByJson(email, "Findable Person", List.of(slug)).then().statusCode(202);
        Web.asAdmin().queryParam("list", slug).queryParam("status", "confirmed").get("/api/admin/subscribers")
                .then().statusCode(200).body("total", equalTo(1)).body("items[0].email", equalTo(email));
        Web.asAdmin().queryParam("list", slug).queryParam("status", "pending").get("/api/admin/subscribers")
                .then().statusCode(200).body("total", equalTo(0));
        Web.asAdmin().queryParam("q", "findable person").get("/api/admin/subscribers")
                .then().statusCode(200).body("items.email", hasItem(email));
        Web.asAdmin().queryParam("status", "bogus").get("/api/admin/subscribers").then().statusCode(400);
        Web.asAdmin().queryParam("size", "100000").get("/api/admin/subscribers").then().statusCode(400);
        Web.asAdmin().get("/api/admin/subscribers/not-a-uuid").then().statusCode(404);
    }

    @Test
    void pagesThatAreNotNumbersOrBeyondAnyEndAreExplainedNotMistakenForMissingResources() {
        String list = Web.createList("paging", true, "single");
        Web.addArticle("Paging story", List.of(list));
        long digest = Web.createDigest(list, "Paging digest");
        Map<String, String> notANumber = Map.of(
                "/api/admin/subscribers?size=abc", "size",
                "/api/admin/digests?limit=ten", "limit",
                "/api/admin/digests/" + digest + "/deliveries?page=first", "page",
                "/api/admin/articles?page=1.5", "page");
        notANumber.forEach((path, field) -> Web.asAdmin().get(path).then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo(field))
                .body("errors[0].message", containsString("whole number")));
        for (String path : List.of("/api/admin/subscribers?page=2147483647&size=100", "/api/admin/articles?page=2147483647",
                "/api/admin/digests/" + digest + "/deliveries?page=21474837")) {
            Web.asAdmin().get(path).then().statusCode(400).body("errors[0].field", equalTo("page"))
                    .body("errors[0].message", containsString("beyond the end"));
        }
        Web.asAdmin().get("/api/admin/digests/" + digest + "/deliveries?page=3").then().statusCode(200);
    }
}
