package org.newsletter.digests;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.newsletter.support.Mailbox;
import org.newsletter.support.Web;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** A list's cron schedule composes and sends a digest of new articles, once per scheduled time. */
@QuarkusTest
class DigestScheduleTest {

    Mailbox mailbox;

    @Inject
    DigestScheduler scheduler;
    @Inject
    AgroalDataSource dataSource;

    @Test
    void scheduledTimeSendsNewArticlesOnceAndSkipsWhenThereAreNone() throws SQLException {
        String list = Web.createList("scheduled", true, "single");
        String reader = Web.newAddress("scheduled-reader");
        Web.importReaders(list, List.of(reader), List.of("Dana"));
        schedule(list, Map.of("cron", "* * * * *", "zone", "Europe/Berlin", "subject", "Your daily news"))
                .then().statusCode(200)
                .body("digestSchedule.cron", equalTo("* * * * *")).body("digestSchedule.zone", equalTo("Europe/Berlin"));

        scheduler.runDue(); // the schedule starts now: no catching up on the past
        assertThat(digestsOf(list)).isEmpty();

        Web.addArticle("Scheduled story", List.of(list));
        moveLastRunBack(list);
        scheduler.runDue();
        List<Map<String, Object>> digests = digestsOf(list);
        assertThat(digests).hasSize(1);
        long id = ((Number) digests.get(0).get("id")).longValue();
        assertThat(digests.get(0)).containsEntry("subject", "Your daily news");
        Web.awaitDigest(id, "sent", Duration.ofSeconds(20));
        assertThat(mailbox.await(reader, 1)).singleElement()
                .satisfies(m -> assertThat(Mailbox.part(m, "text/plain")).contains("Scheduled story").contains("Hello Dana"));

        scheduler.runDue(); // same scheduled time again, or a later one with nothing new: no digest
        moveLastRunBack(list);
        scheduler.runDue(); // due, but no new articles: skipped
        assertThat(digestsOf(list)).hasSize(1);
    }

    @Test
    void unusableSchedulesAreRefused() {
        String list = Web.createList("bad-schedule", true, "single");
        schedule(list, Map.of("cron", "every morning")).then().statusCode(400)
                .body("errors.field", hasItem("digestSchedule.cron"));
        schedule(list, Map.of("cron", "0 7 * * *", "zone", "Mars/Olympus")).then().statusCode(400)
                .body("errors.field", hasItem("digestSchedule.zone"));
        schedule(list, Map.of("cron", "0 7 * * 1-5")).then().statusCode(200).body("digestSchedule.zone", equalTo("UTC"));
    }

    private io.restassured.response.Response schedule(String slug, Map<String, String> schedule) {
        Map<String, Object> body = new HashMap<>();
        body.put("slug", slug);
        body.put("name", "List " + slug);
        body.put("digestSchedule", schedule);
        return Web.asAdmin().contentType(ContentType.JSON).body(body).put("/api/admin/lists/" + slug);
    }

    private List<Map<String, Object>> digestsOf(String slug) {
        return Web.asAdmin().queryParam("list", slug).get("/api/admin/digests").then().statusCode(200)
                .extract().jsonPath().getList("");
    }

    /** As if the last run was two minutes ago, so the current minute is due. */
    private void moveLastRunBack(String slug) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "update mailing_lists set digest_last_run = date_trunc('minute', now()) - interval '2 minutes' where slug = ?")) {
            ps.setString(1, slug);
            ps.executeUpdate();
        }
    }
}
