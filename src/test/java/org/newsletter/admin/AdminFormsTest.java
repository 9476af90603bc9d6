package org.newsletter.admin;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.newsletter.support.Web;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

/** The admin web's forms take what the API takes, and explain what they refuse. */
@QuarkusTest
class AdminFormsTest {

    @Test
    void anEditorAddsAnArticleWithALongSummaryThroughTheForm() {
        String list = Web.createList("forms-long", true, "single");
        String session = Web.signIn("admin", Web.ADMIN_PASSWORD);
        String summary = "<p>" + "A long teaser about the harbour plans. ".repeat(150) + "</p>";
        String url = "https://site.example.com/long-" + list;

        Web.getForm("/").post().cookie("nl-admin", session).redirects().follow(false)
                .formParam("title", "Harbour plans, the long read").formParam("url", url)
                .formParam("summary", summary).formParam("list", list)
                .post("/admin/articles").then().statusCode(303);

        List<Map<String, Object>> items = Web.asAdmin().queryParam("list", list).get("/api/admin/articles")
                .then().statusCode(200).extract().jsonPath().getList("items");
        assertThat(items).singleElement().satisfies(a -> {
            assertThat(a).containsEntry("url", url);
            assertThat((String) a.get("summary")).hasSizeGreaterThan(5_000);
        });
    }

    @Test
    void aDigestSubjectTooLongIsExplainedAndNothingIsComposed() {
        String list = Web.createList("forms-subject", true, "single");
        Web.addArticle("Subject lines", List.of(list));
        String session = Web.signIn("admin", Web.ADMIN_PASSWORD);

        Web.getForm("/").post().cookie("nl-admin", session).redirects().follow(false)
                .formParam("list", list).formParam("subject", "S".repeat(400))
                .post("/admin/digests").then().statusCode(400).contentType(containsString("text/html"))
                .body(containsString("Keep the subject under 300 characters"));

        assertThat(Web.asAdmin().queryParam("list", list).get("/api/admin/digests").then().statusCode(200)
                .extract().jsonPath().getList("")).isEmpty();
    }

    @Test
    void aCsvOfThousandsOfReadersUploadedOnTheListPageIsImported() {
        String list = Web.createList("forms-upload", true, "single");
        String session = Web.signIn("admin", Web.ADMIN_PASSWORD);
        StringBuilder csv = new StringBuilder("email,name\n");
        for (int i = 0; i < 3_000; i++) {
            csv.append("upload-").append(i).append('-').append(list).append("@readers.example.org,Uploaded Reader ").append(i).append('\n');
        }
        assertThat(csv.length()).as("well over the public body limit").isGreaterThan(150_000);
        Web.FormPage form = Web.getForm("/");

        io.restassured.RestAssured.given().cookie("nl-admin", session).cookie("nl-csrf", form.csrfCookie())
                .multiPart("csrf-token", form.csrfToken())
                .multiPart("file", "readers.csv", csv.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8), "text/csv")
                .post("/admin/lists/" + list + "/import").then().statusCode(200)
                .body(containsString("3000"));

        assertThat(Web.asAdmin().get("/api/admin/lists/" + list).then().statusCode(200).extract()
                .jsonPath().getInt("subscribers.confirmed")).isEqualTo(3_000);
    }
}
