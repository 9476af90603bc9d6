package org.newsletter.support;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;

/** Small helpers for driving the service as a site, a browser or an admin would. */
public final class Web {

    public static final String BASE_URL = "https://news.example.com";
    public static final String ADMIN_PASSWORD = "test-admin-password";

    private Web() {
    }

    /** A fresh address for one test, so tests never see each other's readers or mail. */
    public static String newAddress(String hint) {
        return hint + "-" + UUID.randomUUID().toString().substring(0, 8) + "@readers.example.org";
    }

    public static String newSlug(String hint) {
        return hint + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A request from its own client address, so the per-IP signup limit never couples tests. */
    public static RequestSpecification fromFreshIp() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return given().header("X-Forwarded-For", "198.51." + r.nextInt(256) + "." + r.nextInt(1, 255));
    }

    public static RequestSpecification asAdmin() {
        return given().auth().preemptive().basic("admin", ADMIN_PASSWORD);
    }

    /** Creates a list through the admin API and returns its slug. */
    public static String createList(String hint, boolean isPublic, String optIn) {
        String slug = newSlug(hint);
        asAdmin().contentType(ContentType.JSON)
                .body(Map.of("slug", slug, "name", "List " + slug, "description", "About " + hint,
                        "public", isPublic, "optIn", optIn))
                .post("/api/admin/lists").then().statusCode(201);
        return slug;
    }

    public static Response signUpByJson(String email, String name, List<String> lists) {
        return fromFreshIp().contentType(ContentType.JSON)
                .body(name == null ? Map.of("email", email, "lists", lists) : Map.of("email", email, "name", name, "lists", lists))
                .post("/api/subscriptions");
    }

    /** The path of an absolute link this service mailed. */
    public static String path(String url) {
        if (!url.startsWith(BASE_URL)) {
            throw new AssertionError("Link does not start with the base URL: " + url);
        }
        return url.substring(BASE_URL.length());
    }

    /** A page with a form, and what posting it needs: the CSRF cookie and hidden field. */
    public record FormPage(String html, String csrfCookie, String csrfToken) {
        public RequestSpecification post() {
            return given().cookie("nl-csrf", csrfCookie).contentType(ContentType.URLENC).formParam("csrf-token", csrfToken);
        }
    }

    public static FormPage getForm(String path) {
        Response page = given().get(path);
        page.then().statusCode(200);
        String html = page.asString();
        Matcher m = Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"").matcher(html);
        if (!m.find()) {
            throw new AssertionError("No CSRF field in the form at " + path);
        }
        return new FormPage(html, page.getCookie("nl-csrf"), m.group(1));
    }

    public static Map<String, Object> subscriber(String email) {
        List<Map<String, Object>> items = asAdmin().queryParam("q", email).get("/api/admin/subscribers")
                .then().statusCode(200).extract().jsonPath().getList("items");
        if (items.size() != 1) {
            throw new AssertionError("Expected one subscriber " + email + ", found " + items.size());
        }
        String id = (String) items.get(0).get("id");
        return asAdmin().get("/api/admin/subscribers/" + id).then().statusCode(200).extract().jsonPath().getMap("");
    }

    /** The status of the reader's subscription to the list, as the admin API reports it. */
    @SuppressWarnings("unchecked")
    public static String subscriptionStatus(String email, String slug) {
        List<Map<String, Object>> subs = (List<Map<String, Object>>) subscriber(email).get("subscriptions");
        return subs.stream().filter(s -> slug.equals(s.get("list"))).map(s -> (String) s.get("status"))
                .findFirst().orElse("none");
    }

    public static long countSubscribers(String q) {
        return asAdmin().queryParam("q", q).get("/api/admin/subscribers").then().statusCode(200)
                .body("page", is(0)).extract().jsonPath().getLong("total");
    }
}
