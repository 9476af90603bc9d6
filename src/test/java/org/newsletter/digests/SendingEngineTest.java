package org.newsletter.digests;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.newsletter.common.LinkTokens;
import org.newsletter.common.Links;
import org.newsletter.lists.MailingList;
import org.newsletter.sending.DeliveryEngine;
import org.newsletter.sending.SendingEngine;
import org.newsletter.support.Mailbox;
import org.newsletter.support.ScriptedSmtpServer;
import org.newsletter.support.TestEngines;
import org.newsletter.support.Web;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * The sending engine under the conditions it is built for: failures of every kind, pause and cancel
 * midway, readers leaving midway, a second instance, and an instance that died holding leases. The
 * application's own engine is stopped for each test; the test runs engines as instances would.
 */
@QuarkusTest
class SendingEngineTest {

    Mailbox mailbox;

    @Inject
    AgroalDataSource dataSource;
    @Inject
    DigestRenderer renderer;
    @Inject
    SendingEngine appEngine;
    @Inject
    LinkTokens tokens;
    @Inject
    Links links;

    private final List<DeliveryEngine> engines = new ArrayList<>();

    @BeforeEach
    void stopTheApplicationsEngine() {
        appEngine.engine().stop();
    }

    @AfterEach
    void restoreEngines() {
        engines.forEach(DeliveryEngine::stop);
        appEngine.engine().start();
    }

    private DeliveryEngine engine(String name, int port, TestEngines.Send send) {
        DeliveryEngine engine = TestEngines.start(name, dataSource, renderer, port, send);
        engines.add(engine);
        return engine;
    }

    @Test
    void temporaryFailuresAreRetriedThrottlingSlowsDownAndBouncesAreRecordedAndSuppressed() throws Exception {
        try (ScriptedSmtpServer smtp = new ScriptedSmtpServer()) {
            String list = Web.createList("failures", true, "single");
            String ok = Web.newAddress("ok");
            String temp = Web.newAddress("tempfail");
            String bounce = Web.newAddress("bounce");
            String throttle = Web.newAddress("throttle");
            Web.importReaders(list, List.of(ok, temp, bounce, throttle), null);
            Web.addArticle("Flood defences", List.of(list));
            long id = Web.createDigest(list, "Failures digest");
            engine("flaky-relay", smtp.port(), TestEngines.Send.of(2, 0, 10));

            Web.adminPost("/api/admin/digests/" + id + "/send").then().statusCode(202);
            Map<String, Object> done = Web.awaitDigest(id, "sent", Duration.ofSeconds(30));

            assertThat(done).containsEntry("sent", 3).containsEntry("failed", 1).containsEntry("total", 4);
            assertThat(smtp.deliveredTo(ok)).isEqualTo(1);
            assertThat(smtp.deliveredTo(temp)).isEqualTo(1);
            assertThat(smtp.deliveredTo(throttle)).isEqualTo(1);
            assertThat(smtp.deliveredTo(bounce)).isZero();
            assertThat(smtp.tries(temp)).isEqualTo(2);

            List<Map<String, Object>> failed = Web.deliveries(id, "failed");
            assertThat(failed).hasSize(1);
            assertThat(failed.get(0)).containsEntry("email", bounce).containsEntry("attempts", 1);
            assertThat((String) failed.get(0).get("lastError")).contains("550").contains("User unknown");
            Map<String, Object> retried = Web.deliveries(id, "sent").stream()
                    .filter(d -> temp.equals(d.get("email"))).findFirst().orElseThrow();
            assertThat(retried).containsEntry("attempts", 2);
            Map<String, Object> throttled = Web.deliveries(id, "sent").stream()
                    .filter(d -> throttle.equals(d.get("email"))).findFirst().orElseThrow();
            assertThat(throttled).as("throttling does not burn attempts").containsEntry("attempts", 1);

            // the bounced address is suppressed: the next digest does not even list it
            Web.addArticle("Flood defences, part two", List.of(list));
            long next = Web.createDigest(list, "Next digest");
            Web.adminPost("/api/admin/digests/" + next + "/send").then().statusCode(202).body("total", equalTo(3));
            Web.awaitDigest(next, "sent", Duration.ofSeconds(20));
            assertThat(smtp.deliveredTo(bounce)).isZero();
            assertThat(smtp.tries(bounce)).isEqualTo(1);
        }
    }

    @Test
    void recipientsAnOutageLeftFailedAreRetriedOnRequestOnceAndThoseThatBouncedNever() throws Exception {
        try (ScriptedSmtpServer smtp = new ScriptedSmtpServer()) {
            String list = Web.createList("outage", true, "single");
            List<String> readers = Web.addresses("outage", 5);
            String bounce = Web.newAddress("bounce");
            List<String> everyone = new ArrayList<>(readers);
            everyone.add(bounce);
            Web.importReaders(list, everyone, null);
            Web.addArticle("Storm warning for the coast", List.of(list));
            long id = Web.createDigest(list, "Outage digest");
            Web.adminPost("/api/admin/digests/" + id + "/retry-failed").then().statusCode(409);

            smtp.outage(true);
            engine("relay-in-trouble", smtp.port(), TestEngines.Send.of(2, 0, 10));
            Web.adminPost("/api/admin/digests/" + id + "/send").then().statusCode(202);
            Map<String, Object> first = Web.awaitDigest(id, "sent", Duration.ofSeconds(30));
            assertThat(first).containsEntry("sent", 0).containsEntry("failed", 6);
            for (String reader : readers) {
                assertThat(smtp.tries(reader)).as("every attempt used: " + reader).isEqualTo(4);
            }
            assertThat(smtp.delivered()).isEmpty();
            // finished long ago by now: its counts are written to the digest once (and must not stick)
            sql("update digests set finished_at = now() - interval '2 hours' where id = ?", id);
            assertThat(Web.digest(id)).containsEntry("failed", 6);
            assertThat(tallied(id)).isTrue();

            smtp.outage(false);
            Web.adminPost("/api/admin/digests/" + id + "/retry-failed").then().statusCode(202)
                    .body("status", equalTo("sending"));
            Map<String, Object> second = Web.awaitDigest(id, "sent", Duration.ofSeconds(30));

            assertThat(second).containsEntry("total", 6).containsEntry("sent", 5).containsEntry("failed", 1)
                    .containsEntry("pending", 0);
            for (String reader : readers) {
                assertThat(smtp.deliveredTo(reader)).as(reader).isEqualTo(1);
            }
            assertThat(smtp.tries(bounce)).as("a permanent bounce is not retried").isEqualTo(1);
            List<Map<String, Object>> failed = Web.deliveries(id, "failed");
            assertThat(failed).singleElement().satisfies(row -> {
                assertThat(row).containsEntry("email", bounce);
                assertThat((String) row.get("lastError")).contains("550");
            });
            Web.adminPost("/api/admin/digests/" + id + "/retry-failed").then().statusCode(409)
                    .body("detail", org.hamcrest.Matchers.containsString("no failed recipient that can be retried"));
            sql("update digests set finished_at = now() - interval '2 hours' where id = ?", id);
            assertThat(Web.digest(id)).containsEntry("sent", 5).containsEntry("failed", 1);
        }
    }

    @Test
    void pauseHoldsResumeFinishesWithoutRepeatsAndReadersWhoLeaveMeanwhileAreSkipped() {
        Audience audience = audience("pause", 60, "Election night");
        String list = audience.list();
        List<String> readers = audience.readers();
        String subject = audience.subject();
        long id = audience.digestId();
        engine("slow", mailbox.smtpPort(), TestEngines.Send.of(1, 20, 5));

        Web.adminPost("/api/admin/digests/" + id + "/send").then().statusCode(202);
        awaitSent(id, 10);
        Web.adminPost("/api/admin/digests/" + id + "/pause").then().statusCode(200).body("status", equalTo("paused"));
        long afterInFlight = received(readers, subject, Duration.ofMillis(800));
        long later = received(readers, subject, Duration.ofMillis(1200));
        assertThat(later).as("nothing leaves while paused").isEqualTo(afterInFlight);
        Map<String, Object> paused = Web.digest(id);
        assertThat(paused).containsEntry("status", "paused");
        assertThat(((Number) paused.get("pending")).longValue()).isPositive();

        // a reader whose turn has not come leaves while the digest is paused
        Map<String, Object> waiting = Web.deliveries(id, "pending").get(0);
        String leaver = (String) waiting.get("email");
        oneClickUnsubscribe(UUID.fromString((String) waiting.get("subscriber")), list);

        Web.adminPost("/api/admin/digests/" + id + "/resume").then().statusCode(200).body("status", equalTo("sending"));
        Map<String, Object> done = Web.awaitDigest(id, "sent", Duration.ofSeconds(30));

        assertThat(done).containsEntry("sent", 59).containsEntry("skipped", 1).containsEntry("pending", 0);
        for (String reader : readers) {
            assertThat(mailbox.messagesTo(reader, subject)).as(reader).hasSize(reader.equals(leaver) ? 0 : 1);
        }
    }

    @Test
    void cancelStopsTheRestForGood() {
        Audience audience = audience("cancel", 60, "Cancelled news");
        String list = audience.list();
        List<String> readers = audience.readers();
        String subject = audience.subject();
        long id = audience.digestId();
        engine("slow", mailbox.smtpPort(), TestEngines.Send.of(1, 20, 5));

        Web.adminPost("/api/admin/digests/" + id + "/send").then().statusCode(202);
        awaitSent(id, 5);
        Web.adminPost("/api/admin/digests/" + id + "/cancel").then().statusCode(200).body("status", equalTo("cancelled"));
        long arrived = received(readers, subject, Duration.ofMillis(1500));

        Map<String, Object> cancelled = Web.digest(id);
        long sent = ((Number) cancelled.get("sent")).longValue();
        assertThat(cancelled).containsEntry("status", "cancelled").containsEntry("pending", 0);
        assertThat(sent).isLessThan(60);
        assertThat(((Number) cancelled.get("skipped")).longValue()).isEqualTo(60 - sent);
        assertThat(arrived).as("what arrived is what the ledger says was sent").isEqualTo(sent);
        assertThat(received(readers, subject, Duration.ofMillis(500))).isEqualTo(arrived);
        Web.adminPost("/api/admin/digests/" + id + "/resume").then().statusCode(409);
    }

    @Test
    void twoInstancesShareOneDigestAndNoReaderGetsItTwice() {
        Audience audience = audience("shared", 200, "Shared news");
        String list = audience.list();
        List<String> readers = audience.readers();
        String subject = audience.subject();
        long id = audience.digestId();
        DeliveryEngine first = engine("instance-a", mailbox.smtpPort(), TestEngines.Send.of(2, 0, 5));
        DeliveryEngine second = engine("instance-b", mailbox.smtpPort(), TestEngines.Send.of(2, 0, 5));

        Web.adminPost("/api/admin/digests/" + id + "/send").then().statusCode(202);
        Web.awaitDigest(id, "sent", Duration.ofSeconds(60));

        for (String reader : readers) {
            assertThat(mailbox.messagesTo(reader, subject)).as(reader).hasSize(1);
        }
        assertThat(first.sent()).isPositive();
        assertThat(second.sent()).isPositive();
        assertThat(first.sent() + second.sent()).isEqualTo(200);
    }

    @Test
    void rowsOfADeadInstanceAreTakenOverWhenTheirLeaseExpiresAndNotBefore() throws SQLException {
        Audience audience = audience("takeover", 20, "Orphaned news");
        String list = audience.list();
        List<String> readers = audience.readers();
        String subject = audience.subject();
        long id = audience.digestId();
        Web.adminPost("/api/admin/digests/" + id + "/send").then().statusCode(202);
        // no engine runs: one instance "claimed" every row and died; half its leases are over, half are not
        sql("""
                update deliveries set status = 'sending', attempts = 1, leased_by = 'dead-instance',
                       lease_until = case when subscriber_id % 2 = 0 then now() - interval '1 second'
                                          else now() + interval '1 hour' end
                 where digest_id = ?""", id);
        long expired = Web.deliveries(id, "sending").size();

        engine("survivor", mailbox.smtpPort(), TestEngines.Send.of(2, 0, 5));
        Web.asAdmin().get("/api/admin/digests/" + id).then().statusCode(200);
        awaitSent(id, 10);
        assertThat(received(readers, subject, Duration.ofMillis(1000))).as("only the expired leases").isEqualTo(10);
        assertThat(Web.digest(id)).containsEntry("status", "sending").containsEntry("pending", 10);

        sql("update deliveries set lease_until = now() - interval '1 second' where digest_id = ? and status = 'sending'", id);
        Web.awaitDigest(id, "sent", Duration.ofSeconds(20));
        for (String reader : readers) {
            assertThat(mailbox.messagesTo(reader, subject)).as(reader).hasSize(1);
        }
        assertThat(expired).isEqualTo(20);
    }

    /** A list of n imported readers, one article, and a digest of it ready to send. */
    private record Audience(String list, List<String> readers, String subject, long digestId) {
    }

    private static Audience audience(String hint, int n, String article) {
        String list = Web.createList(hint, true, "single");
        List<String> readers = Web.addresses(hint, n);
        Web.importReaders(list, readers, null);
        Web.addArticle(article, List.of(list));
        String subject = "Digest " + list;
        return new Audience(list, readers, subject, Web.createDigest(list, subject));
    }

    private void oneClickUnsubscribe(UUID subscriber, String slug) {
        long listId = QuarkusTransaction.requiringNew().call(() -> MailingList.findBySlug(slug).orElseThrow().id);
        given().contentType(ContentType.URLENC).formParam("List-Unsubscribe", "One-Click")
                .post(Web.path(links.unsubscribe(tokens.unsubscribe(subscriber, listId)))).then().statusCode(200);
    }

    private void awaitSent(long id, int atLeast) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (((Number) Web.digest(id).get("sent")).intValue() < atLeast) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Fewer than " + atLeast + " sent: " + Web.digest(id));
            }
            sleep(50);
        }
    }

    private long received(List<String> readers, String subject, Duration after) {
        sleep(after.toMillis());
        return readers.stream().mapToLong(r -> mailbox.messagesTo(r, subject).size()).sum();
    }

    private void sql(String statement, long digestId) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(statement)) {
            ps.setLong(1, digestId);
            ps.executeUpdate();
        }
    }

    /** Whether the digest's counts have been written to it (see DigestService#views). */
    private boolean tallied(long digestId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select tally_total is not null from digests where id = ?")) {
            ps.setLong(1, digestId);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
