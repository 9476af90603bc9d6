package org.newsletter.articles;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.newsletter.support.Web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

/** Articles by API, and feeds (RSS 2.0, RSS 1.0, Atom, and broken ones) served over real HTTP. */
@QuarkusTest
class ArticlesAndFeedsTest {

    static WireMockServer site;

    @Inject
    FeedService feeds;

    @BeforeAll
    static void serveFeeds() throws IOException {
        site = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        site.start();
        for (String name : List.of("rss2", "rss1", "atom", "malformed", "doctype", "scheduled")) {
            site.stubFor(get(urlPathEqualTo("/" + name + ".xml")).willReturn(aResponse().withHeader("Content-Type", "application/xml")
                    .withBody(fixture(name + ".xml"))));
        }
        site.stubFor(get(urlPathEqualTo("/slow.xml")).willReturn(aResponse().withFixedDelay(4000).withBody(fixture("rss2.xml"))));
        site.stubFor(get(urlPathEqualTo("/huge.xml")).willReturn(aResponse().withBody("<rss>" + "x".repeat(300_000) + "</rss>")));
        site.stubFor(get(urlPathEqualTo("/gone.xml")).willReturn(aResponse().withStatus(500).withBody("oops")));
    }

    @AfterAll
    static void stop() {
        site.stop();
    }

    private static String fixture(String name) throws IOException {
        try (InputStream in = ArticlesAndFeedsTest.class.getResourceAsStream("/feeds/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + site.port() + path;
    }

    @Test
    void editorAddsArticlesThatAreSanitizedUniqueByUrlAndListedPerList() {
        String list = Web.createList("articles", true, "single");
        String other = Web.createList("articles-other", true, "single");
        String url = "https://site.example.com/" + list + "/first";
        Web.asAdmin().contentType(ContentType.JSON)
                .body(Map.of("title", "First <i>story</i>", "url", url, "summary", "<p onclick=\"x()\">Hi <a href=\"javascript:x()\">there</a></p><script>x()</script>",
                        "author", "Ann", "publishedAt", "2026-11-20T08:00:00Z", "imageUrl", "https://img.example.com/a.jpg",
                        "lists", List.of(list)))
                .post("/api/admin/articles").then().statusCode(201)
                .body("title", equalTo("First story"))
                .body("summary", equalTo("<p>Hi <a rel=\"nofollow\">there</a></p>"))
                .body("lists", equalTo(List.of(list)))
                .body("publishedAt", equalTo("2026-11-20T08:00:00Z"));
        Web.asAdmin().contentType(ContentType.JSON).body(Map.of("title", "Again", "url", url, "lists", List.of(list)))
                .post("/api/admin/articles").then().statusCode(409).contentType(containsString("application/problem+json"));
        Web.asAdmin().contentType(ContentType.JSON).body(Map.of("title", "No lists", "url", url + "-2", "lists", List.of()))
                .post("/api/admin/articles").then().statusCode(400).body("errors.field", hasItem("lists"));
        Web.asAdmin().contentType(ContentType.JSON).body(Map.of("title", "Bad list", "url", url + "-3", "lists", List.of("nope-nope")))
                .post("/api/admin/articles").then().statusCode(400).body("errors.message", hasItem(containsString("nope-nope")));
        Web.asAdmin().contentType(ContentType.JSON).body(Map.of("title", "Bad url", "url", "ftp://x", "lists", List.of(list)))
                .post("/api/admin/articles").then().statusCode(400).body("errors.field", hasItem("url"));
        long second = Web.addArticle("Second", List.of(list, other));

        Web.asAdmin().queryParam("list", list).get("/api/admin/articles").then().statusCode(200)
                .body("total", equalTo(2)).body("items[0].title", equalTo("Second")).body("items[1].title", equalTo("First story"));
        Web.asAdmin().queryParam("list", other).get("/api/admin/articles").then().statusCode(200).body("total", equalTo(1));
        Web.asAdmin().queryParam("list", "no-such").get("/api/admin/articles").then().statusCode(400);
        Web.asAdmin().delete("/api/admin/articles/" + second).then().statusCode(204);
        Web.asAdmin().queryParam("list", other).get("/api/admin/articles").then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void rssAndAtomFeedsBecomeArticlesOnceEachWithSummariesSanitized() {
        String list = Web.createList("feeds", true, "single");
        long rss2 = createFeed(url("/rss2.xml"), list);
        Web.adminPost("/api/admin/feeds/" + rss2 + "/poll").then().statusCode(200)
                .body("newArticles", equalTo(3)).body("lastError", nullValue()).body("title", equalTo("The Daily Example"));
        Web.adminPost("/api/admin/feeds/" + rss2 + "/poll").then().statusCode(200).body("newArticles", equalTo(0));

        List<Map<String, Object>> items = Web.asAdmin().queryParam("list", list).get("/api/admin/articles")
                .then().statusCode(200).body("total", equalTo(3)).extract().jsonPath().getList("items");
        Map<String, Object> bridge = items.stream().filter(a -> "Harbour bridge reopens".equals(a.get("title"))).findFirst().orElseThrow();
        assertThat((String) bridge.get("summary")).contains("<b>open</b>").doesNotContain("script").doesNotContain("onerror");
        assertThat(bridge).containsEntry("imageUrl", "https://img.example.com/bridge.jpg")
                .containsEntry("publishedAt", "2026-11-24T06:00:00Z");
        assertThat(items).extracting(a -> a.get("title")).contains("School budget & you", "Weather turns")
                .doesNotContain("Same guid again", "No link at all");

        String rdfList = Web.createList("feeds-rdf", true, "single");
        long rss1 = createFeed(url("/rss1.xml"), rdfList);
        Web.adminPost("/api/admin/feeds/" + rss1 + "/poll").then().statusCode(200).body("newArticles", equalTo(2));
        Web.asAdmin().queryParam("list", rdfList).get("/api/admin/articles").then()
                .body("items.title", hasItem("Council votes")).body("items.author", hasItem("Politics Desk"));

        String atomList = Web.createList("feeds-atom", true, "single");
        long atom = createFeed(url("/atom.xml"), atomList);
        Web.adminPost("/api/admin/feeds/" + atom + "/poll").then().statusCode(200).body("newArticles", equalTo(2));
        List<Map<String, Object>> atomItems = Web.asAdmin().queryParam("list", atomList).get("/api/admin/articles")
                .then().extract().jsonPath().getList("items");
        Map<String, Object> trains = atomItems.stream().filter(a -> "Trains late again".equals(a.get("title"))).findFirst().orElseThrow();
        assertThat((String) trains.get("summary")).contains("the junction").doesNotContain("javascript");
        assertThat(trains).containsEntry("url", "https://atom.example.com/trains").containsEntry("author", "Transport Desk");
    }

    @Test
    void brokenFeedsRecordTheirErrorBackOffAndDoNotStopTheOthers() {
        String list = Web.createList("broken-feeds", true, "single");
        Map<String, String> expected = Map.of(
                "/malformed.xml", "not a valid RSS or Atom feed",
                "/doctype.xml", "not a valid RSS or Atom feed",
                "/slow.xml", "within 2 s",
                "/huge.xml", "larger than 200000 bytes",
                "/gone.xml", "HTTP 500",
                "/missing.xml", "HTTP 404");
        for (Map.Entry<String, String> broken : expected.entrySet()) {
            long id = createFeed(url(broken.getKey()), list);
            Instant before = Instant.now();
            Map<String, Object> feed = Web.adminPost("/api/admin/feeds/" + id + "/poll").then().statusCode(200)
                    .body("newArticles", equalTo(0)).body("consecutiveFailures", equalTo(1))
                    .body("lastError", containsString(broken.getValue()))
                    .extract().jsonPath().getMap("");
            assertThat(Instant.parse((String) feed.get("nextPollAt"))).isAfter(before.plusSeconds(59 * 60));
        }
        Web.asAdmin().get("/api/admin/articles").then().statusCode(200).body("items.url", not(hasItem("https://evil.example.com/x")));

        // the scheduled poll takes every due feed, broken or not, and carries on past failures
        long good = createFeed(url("/scheduled.xml"), list);
        long bad = createFeed(url("/gone.xml") + "?scheduled", list);
        assertThat(feeds.pollDue(50)).isGreaterThanOrEqualTo(2);
        Web.asAdmin().get("/api/admin/feeds/" + good).then().body("lastError", nullValue()).body("lastSuccessAt", not(nullValue()));
        Web.asAdmin().get("/api/admin/feeds/" + bad).then().body("lastError", containsString("HTTP 500"));

        Web.asAdmin().contentType(ContentType.JSON).body(Map.of("url", "not a url", "lists", List.of(list), "pollMinutes", 1))
                .post("/api/admin/feeds").then().statusCode(400)
                .body("errors.field", hasItem("url")).body("errors.field", hasItem("pollMinutes"));
        Web.asAdmin().delete("/api/admin/feeds/" + bad).then().statusCode(204);
        Web.asAdmin().get("/api/admin/feeds/" + bad).then().statusCode(404);
    }

    private static long createFeed(String url, String list) {
        return Web.asAdmin().contentType(ContentType.JSON).body(Map.of("url", url, "lists", List.of(list), "pollMinutes", 60))
                .post("/api/admin/feeds").then().statusCode(201).extract().jsonPath().getLong("id");
    }
}
