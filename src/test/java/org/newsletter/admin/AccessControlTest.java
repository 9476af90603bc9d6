package org.newsletter.admin;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;
import org.newsletter.support.Web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * Who may do what on the admin API, proven route by route: the test walks every operation the
 * application declares (its OpenAPI document) rather than a list kept by hand.
 */
@QuarkusTest
class AccessControlTest {

    private static final String PASSWORD = "editor-password-123";

    /**
     * Every admin operation as {method, path, content type}: path parameters point at nothing that exists,
     * the content type is the one the operation declares (JSON when it declares none).
     */
    @SuppressWarnings("unchecked")
    private List<String[]> adminOperations() {
        Map<String, Map<String, Object>> paths = given().accept(ContentType.JSON).get("/q/openapi?format=json")
                .then().statusCode(200).extract().jsonPath().getMap("paths");
        List<String[]> operations = new ArrayList<>();
        paths.forEach((path, methods) -> {
            if (path.startsWith("/api/admin")) {
                String concrete = path.replaceAll("\\{id}", "999999999").replaceAll("\\{[a-z]+}", "no-such-thing");
                methods.forEach((method, spec) -> {
                    if (List.of("get", "post", "put", "delete", "patch").contains(method)) {
                        Map<String, Object> body = (Map<String, Object>) ((Map<String, Object>) spec).get("requestBody");
                        String type = body == null ? "application/json"
                                : ((Map<String, Object>) body.get("content")).keySet().iterator().next();
                        operations.add(new String[]{method.toUpperCase(), concrete, type});
                    }
                });
            }
        });
        return operations;
    }

    /** Admin-only by rule: accounts, and any change to lists or their readers; editors may read those. */
    private static boolean adminOnly(String method, String path) {
        return path.startsWith("/api/admin/accounts")
                || ((path.startsWith("/api/admin/lists") || path.startsWith("/api/admin/subscribers")) && !method.equals("GET"));
    }

    /** Pages follow the API's rule: accounts, and changes to lists and readers, are for admins. */
    private static boolean adminOnlyPage(String method, String path) {
        return path.startsWith("/admin/accounts")
                || ((path.startsWith("/admin/lists") || path.startsWith("/admin/subscribers")) && !method.equals("get"));
    }

    private static Response call(RequestSpecification request, String[] operation) {
        String body = operation[2].contains("json") ? "{}" : "email\n";
        return request.contentType(operation[2]).body(body).redirects().follow(false)
                .request(operation[0], operation[1]);
    }

    @Test
    void everyAdminRouteRefusesAnonymousRequestsWithAProblemAndAChallenge() {
        List<String[]> operations = adminOperations();
        assertThat(operations).as("the walk covers the whole admin API").hasSizeGreaterThan(30);
        List<String> wrong = new ArrayList<>();
        for (String[] operation : operations) {
            Response response = call(given(), operation);
            if (response.statusCode() != 401 || !response.contentType().startsWith("application/problem+json")
                    || response.header("WWW-Authenticate") == null) {
                wrong.add(operation[0] + " " + operation[1] + " -> " + response.statusCode());
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void editorsAreRefusedAccountsAndChangesToListsAndReadersButMayDoTheRest() {
        String editor = newAccount("editor");
        List<String> wrong = new ArrayList<>();
        for (String[] operation : adminOperations()) {
            int status = call(given().auth().preemptive().basic(editor, PASSWORD), operation).statusCode();
            boolean refused = status == 403;
            if (adminOnly(operation[0], operation[1]) != refused || status == 401) {
                wrong.add(operation[0] + " " + operation[1] + " -> " + status);
            }
        }
        assertThat(wrong).isEmpty();
        Web.asAdmin().get("/api/admin/accounts").then().statusCode(200).body("username", org.hamcrest.Matchers.hasItem(editor));
    }

    @Test
    void apiTokensActAsTheirAccountUntilRevokedAndAreShownOnlyOnce() {
        String editor = newAccount("tokens");
        Map<String, Object> created = given().auth().preemptive().basic(editor, PASSWORD).contentType(ContentType.JSON)
                .body(Map.of("name", "CMS import")).post("/api/admin/tokens")
                .then().statusCode(201).body("name", equalTo("CMS import")).extract().jsonPath().getMap("");
        String token = (String) created.get("token");
        assertThat(token).startsWith("nl_").hasSizeGreaterThan(40);

        Supplier<RequestSpecification> bearer = () -> given().header("Authorization", "Bearer " + token);
        bearer.get().get("/api/admin/lists").then().statusCode(200);
        bearer.get().contentType(ContentType.JSON).body(Map.of("slug", Web.newSlug("by-token"), "name", "No"))
                .post("/api/admin/lists").then().statusCode(403);
        bearer.get().get("/api/admin/tokens").then().statusCode(200)
                .body("name", org.hamcrest.Matchers.hasItem("CMS import"))
                .body(org.hamcrest.Matchers.not(containsString(token)));

        given().header("Authorization", "Bearer nl_not-a-real-token").get("/api/admin/lists").then().statusCode(401);
        bearer.get().delete("/api/admin/tokens/" + created.get("id")).then().statusCode(204);
        bearer.get().get("/api/admin/lists").then().statusCode(401);
    }

    @Test
    void repeatedFailedSignInsAreSlowedDownPerAccount() {
        String editor = newAccount("guessed");
        String ip = "203.0.113." + (1 + (int) (Math.random() * 250));
        for (int i = 0; i < LoginThrottle.FAILURES_PER_ACCOUNT; i++) {
            given().header("X-Forwarded-For", ip).auth().preemptive().basic(editor, "wrong-" + i)
                    .get("/api/admin/lists").then().statusCode(401);
        }
        given().header("X-Forwarded-For", "198.18.0.7").auth().preemptive().basic(editor, PASSWORD)
                .get("/api/admin/lists").then().statusCode(429)
                .header("Retry-After", org.hamcrest.Matchers.notNullValue())
                .contentType(containsString("application/problem+json"));
        Web.asAdmin().get("/api/admin/lists").then().statusCode(200);
    }

    @Test
    void accountsAreValidatedAndTheLastAdminCannotBeRemoved() {
        Web.asAdmin().contentType(ContentType.JSON).body(Map.of("username", "Bad Name", "password", "short", "role", "owner"))
                .post("/api/admin/accounts").then().statusCode(400).body("errors.field", org.hamcrest.Matchers.hasItem("username"));
        Web.asAdmin().contentType(ContentType.JSON).body(Map.of("username", "someone", "password", "short", "role", "editor"))
                .post("/api/admin/accounts").then().statusCode(400).body("errors.field", org.hamcrest.Matchers.hasItem("password"));
        Web.asAdmin().delete("/api/admin/accounts/admin").then().statusCode(409);
        String editor = newAccount("removed");
        Web.asAdmin().delete("/api/admin/accounts/" + editor).then().statusCode(204);
        given().auth().preemptive().basic(editor, PASSWORD).get("/api/admin/lists").then().statusCode(401);
    }

    @Test
    void everyAdminPageSendsAnonymousVisitorsToSignInAndKeepsAccountsFromEditors() {
        Map<String, Map<String, Object>> paths = given().accept(ContentType.JSON).get("/q/openapi?format=json")
                .then().statusCode(200).extract().jsonPath().getMap("paths");
        Web.FormPage form = Web.getForm("/"); // a valid CSRF cookie and token, so only the sign-in decides
        String editor = newAccount("pages");
        String session = signIn(editor);
        List<String> wrong = new ArrayList<>();
        int walked = 0;
        for (var entry : paths.entrySet()) {
            String path = entry.getKey();
            if (!path.startsWith("/admin") || path.startsWith("/admin/login") || path.equals("/admin/logout")) {
                continue;
            }
            String concrete = path.replaceAll("\\{id}", "999999999").replaceAll("\\{[a-z]+}", "no-such-thing");
            for (var operation : entry.getValue().entrySet()) {
                String method = operation.getKey();
                walked++;
                boolean multipart = String.valueOf(operation.getValue()).contains("multipart/form-data");
                Response anonymous = method.equals("get")
                        ? given().redirects().follow(false).get(concrete)
                        : multipart
                        ? given().cookie("nl-csrf", form.csrfCookie()).multiPart("csrf-token", form.csrfToken())
                                .redirects().follow(false).request(method.toUpperCase(), concrete)
                        : form.post().redirects().follow(false).request(method.toUpperCase(), concrete);
                if (anonymous.statusCode() != 303 || !anonymous.header("Location").endsWith("/admin/login")) {
                    wrong.add("anonymous " + method + " " + concrete + " -> " + anonymous.statusCode());
                }
                int status = (method.equals("get")
                        ? given().cookie("nl-admin", session).redirects().follow(false).get(concrete)
                        : multipart
                        ? given().cookie("nl-admin", session).cookie("nl-csrf", form.csrfCookie())
                                .multiPart("csrf-token", form.csrfToken()).redirects().follow(false)
                                .request(method.toUpperCase(), concrete)
                        : form.post().cookie("nl-admin", session).redirects().follow(false)
                                .request(method.toUpperCase(), concrete)).statusCode();
                if ((status == 403) != adminOnlyPage(method, concrete) || status == 401) {
                    wrong.add("editor " + method + " " + concrete + " -> " + status);
                }
            }
        }
        assertThat(walked).as("the walk covers the admin pages").isGreaterThanOrEqualTo(8);
        assertThat(wrong).isEmpty();
    }

    @Test
    void adminFormsWithoutTheirCsrfTokenAreRefusedAndChangeNothing() {
        String list = Web.createList("csrf", true, "single");
        Web.addArticle("Forged", List.of(list));
        long id = Web.createDigest(list, "Forged send");
        String session = signIn("admin", Web.ADMIN_PASSWORD);

        given().cookie("nl-admin", session).contentType(ContentType.URLENC).formParam("x", "y").redirects().follow(false)
                .post("/admin/digests/" + id + "/send").then().statusCode(400)
                .body(org.hamcrest.Matchers.containsString("reload the page and try again"));
        // the API, where browsers replay cached Basic credentials cross-site, refuses a form post the same way
        Web.asAdmin().contentType(ContentType.URLENC).formParam("x", "y").post("/api/admin/digests/" + id + "/send")
                .then().statusCode(400).contentType(org.hamcrest.Matchers.containsString("application/problem+json"))
                .body("title", equalTo("Missing CSRF token"));
        assertThat(Web.digest(id)).containsEntry("status", "draft");
    }

    @Test
    void theSignInFormIsSlowedDownPerAccountToo() {
        String editor = newAccount("form-guessed");
        String ip = "203.0.113." + (1 + (int) (Math.random() * 250));
        for (int i = 0; i < LoginThrottle.FAILURES_PER_ACCOUNT; i++) {
            given().header("X-Forwarded-For", ip).contentType(ContentType.URLENC).redirects().follow(false)
                    .formParam("j_username", editor).formParam("j_password", "wrong-" + i).post("/j_security_check")
                    .then().header("Location", containsString("/admin/login/failed"));
        }
        Response right = given().header("X-Forwarded-For", "198.18.0.9").contentType(ContentType.URLENC).redirects().follow(false)
                .formParam("j_username", editor).formParam("j_password", PASSWORD).post("/j_security_check");
        assertThat(right.header("Location")).contains("/admin/login/failed");
        assertThat(right.getCookie("nl-admin")).isNull();
    }

    @Test
    void aSignInPostedFromAnotherSiteIsRefusedWhileOneFromThisSiteSignsIn() {
        for (Map.Entry<String, String> foreign : List.of(Map.entry("Origin", "https://evil.example.net"),
                Map.entry("Sec-Fetch-Site", "cross-site"), Map.entry("Origin", "null"))) {
            Response refused = given().header(foreign.getKey(), foreign.getValue()).contentType(ContentType.URLENC)
                    .redirects().follow(false)
                    .formParam("j_username", "admin").formParam("j_password", Web.ADMIN_PASSWORD).post("/j_security_check");
            // a foreign Origin is already refused by the CORS filter; Sec-Fetch-Site alone reaches ours
            assertThat(refused.statusCode()).as(foreign.toString()).isEqualTo(403);
            assertThat(refused.getCookie("nl-admin")).as(foreign.toString()).isNull();
        }
        given().header("Sec-Fetch-Site", "same-site").contentType(ContentType.URLENC).redirects().follow(false)
                .formParam("j_username", "admin").formParam("j_password", Web.ADMIN_PASSWORD).post("/j_security_check")
                .then().statusCode(403).contentType(containsString("text/html"))
                .body(containsString("sent from another site"));

        String here = io.restassured.RestAssured.baseURI + ":" + io.restassured.RestAssured.port;
        Response fromHere = given().header("Origin", here).header("Sec-Fetch-Site", "same-origin")
                .contentType(ContentType.URLENC).redirects().follow(false)
                .formParam("j_username", "admin").formParam("j_password", Web.ADMIN_PASSWORD).post("/j_security_check");
        assertThat(fromHere.statusCode()).isIn(302, 303);
        assertThat(fromHere.getCookie("nl-admin")).isNotBlank();
        Response originOnly = given().header("Origin", here).contentType(ContentType.URLENC).redirects().follow(false)
                .formParam("j_username", "admin").formParam("j_password", Web.ADMIN_PASSWORD).post("/j_security_check");
        assertThat(originOnly.getCookie("nl-admin")).isNotBlank();
    }

    @Test
    void theSessionCookieIsSecureWhenServedOverHttpsAndEveryJsonRouteIsDocumented() {
        Response response = given().header("X-Forwarded-Proto", "https").contentType(ContentType.URLENC).redirects().follow(false)
                .formParam("j_username", "admin").formParam("j_password", Web.ADMIN_PASSWORD).post("/j_security_check");
        assertThat(response.header("Set-Cookie")).contains("nl-admin=").containsIgnoringCase("; Secure");

        List<String> documented = adminOperations().stream().map(o -> o[1]).toList();
        assertThat(documented).contains("/api/admin/digests", "/api/admin/digests/999999999/events", "/api/admin/feeds",
                "/api/admin/articles", "/api/admin/subscribers/999999999/export", "/api/admin/tokens");
        given().get("/q/swagger-ui/").then().statusCode(200).body(containsString("swagger"));
    }

    private static String signIn(String username) {
        return signIn(username, PASSWORD);
    }

    private static String signIn(String username, String password) {
        Response response = given().contentType(ContentType.URLENC).redirects().follow(false)
                .formParam("j_username", username).formParam("j_password", password).post("/j_security_check");
        assertThat(response.getCookie("nl-admin")).as("session cookie for " + username).isNotNull();
        assertThat(response.header("Set-Cookie")).containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Strict");
        return response.getCookie("nl-admin");
    }

    private static String newAccount(String hint) {
        String username = hint + "-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        Web.asAdmin().contentType(ContentType.JSON).body(Map.of("username", username, "password", PASSWORD, "role", "editor"))
                .post("/api/admin/accounts").then().statusCode(201).body("role", equalTo("editor"));
        return username;
    }
}
