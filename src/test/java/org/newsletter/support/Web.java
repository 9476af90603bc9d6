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

    /**
     * An admin action without a body (send, pause...). Sent as JSON: a form-encoded POST would rightly need
     * a CSRF token, since browsers replay cached Basic credentials cross-site.
     */
    public static Response adminPost(String path) {
        return asAdmin().contentType(ContentType.JSON).post(path);
    }

    /** Imports confirmed readers into a list through the admin CSV import (no mail is sent). */
    public static void importReaders(String slug, List<String> emails, List<String> names) {
        StringBuilder csv = new StringBuilder("email,name\n");
        for (int i = 0; i < emails.size(); i++) {
            csv.append(emails.get(i)).append(',').append(names == null ? "" : names.get(i)).append('\n');
        }
        asAdmin().contentType("text/csv").body(csv.toString()).post("/api/admin/lists/" + slug + "/import")
                .then().statusCode(200).body("imported", is(emails.size()));
    }

    /** Adds an article to lists through the admin API and returns its id. */
    public static long addArticle(String title, List<String> lists) {
        return asAdmin().contentType(ContentType.JSON)
                .body(Map.of("title", title, "url", "https://site.example.com/" + UUID.randomUUID(),
                        "summary", "<p>About <b>" + title + "</b></p><script>alert(1)</script>", "author", "Desk",
                        "lists", lists))
                .post("/api/admin/articles").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    /** Composes a digest of the list's new articles and returns its id. */
    public static long createDigest(String slug, String subject) {
        return asAdmin().contentType(ContentType.JSON).body(Map.of("list", slug, "subject", subject))
                .post("/api/admin/digests").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    public static Map<String, Object> digest(long id) {
        return asAdmin().get("/api/admin/digests/" + id).then().statusCode(200).extract().jsonPath().getMap("");
    }

    /** Polls the digest until it has the status, failing after the timeout. */
    public static Map<String, Object> awaitDigest(long id, String status, java.time.Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, Object> digest = digest(id);
        while (!status.equals(digest.get("status")) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            digest = digest(id);
        }
        if (!status.equals(digest.get("status"))) {
            throw new AssertionError("Digest " + id + " did not become " + status + ": " + digest);
        }
        return digest;
    }

    /** The digest's ledger rows of one status (first page). */
    public static List<Map<String, Object>> deliveries(long digestId, String status) {
        return asAdmin().queryParam("status", status).get("/api/admin/digests/" + digestId + "/deliveries")
                .then().statusCode(200).extract().jsonPath().getList("");
    }

    public static List<String> addresses(String hint, int n) {
        return java.util.stream.IntStream.range(0, n).mapToObj(i -> newAddress(hint + i)).toList();
    }

    /** Signs in through the admin sign-in form and returns the session cookie's value. */
    public static String signIn(String username, String password) {
        Response response = given().contentType(ContentType.URLENC).redirects().follow(false)
                .formParam("j_username", username).formParam("j_password", password).post("/j_security_check");
        String session = response.getCookie("nl-admin");
        if (session == null) {
            throw new AssertionError("No session cookie for " + username + ": " + response.statusCode());
        }
        return session;
    }
}
