package org.newsletter.digests;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.newsletter.common.NewsletterConfig;
import org.newsletter.mail.MailjetTransport;
import org.newsletter.sending.DeliveryEngine;
import org.newsletter.sending.SendingEngine;
import org.newsletter.support.TestEngines;
import org.newsletter.support.Web;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Mailjet transport (Send API v3.1) against a local stub that checks the request's shape and
 * credentials and answers as Mailjet does, partial failures included; outcomes land in the ledger.
 */
@QuarkusTest
class MailjetTransportTest {

    record Mailjet(Optional<String> apiKey, Optional<String> secretKey, String baseUrl, Duration timeout)
            implements NewsletterConfig.Mailjet {
        @Override
        public Optional<String> webhookSecret() {
            return Optional.empty();
        }
    }

    @Inject
    AgroalDataSource dataSource;
    @Inject
    DigestRenderer renderer;
    @Inject
    SendingEngine appEngine;
    @Inject
    ObjectMapper json;

    WireMockServer mailjet;
    DeliveryEngine engine;

    @BeforeEach
    void start() {
        appEngine.engine().stop();
        mailjet = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        mailjet.start();
        MailjetTransport transport = new MailjetTransport(new Mailjet(Optional.of("public-key"), Optional.of("private-key"),
                "http://127.0.0.1:" + mailjet.port(), Duration.ofSeconds(5)), json);
        engine = new DeliveryEngine(dataSource, transport, renderer, TestEngines.Send.of(1, 0, 50), "mailjet-instance");
        engine.start();
    }

    @AfterEach
    void stop() {
        engine.stop();
        mailjet.stop();
        appEngine.engine().start();
    }

    @Test
    void oneCallCarriesTheBatchAndPerMessageResultsLandInTheLedger() {
        String list = Web.createList("mailjet", true, "single");
        String first = Web.newAddress("mj-first");
        String refused = Web.newAddress("mj-refused");
        String third = Web.newAddress("mj-third");
        Web.importReaders(list, List.of(first, refused, third), List.of("Ann", "Bob", "Cy"));
        Web.addArticle("Sent through Mailjet", List.of(list));
        long id = Web.createDigest(list, "Mailjet digest");
        mailjet.stubFor(post(urlEqualTo("/v3.1/send")).withBasicAuth("public-key", "private-key")
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json").withBody("""
                        {"Messages": [
                          {"Status": "success", "To": [{"Email": "%s", "MessageUUID": "u1", "MessageID": 1}]},
                          {"Status": "error", "Errors": [{"ErrorIdentifier": "e2", "ErrorCode": "mj-0013",
                             "StatusCode": 400, "ErrorMessage": "\\"%s\\" is an invalid email address.", "ErrorRelatedTo": ["To[0].Email"]}]},
                          {"Status": "success", "To": [{"Email": "%s", "MessageUUID": "u3", "MessageID": 3}]}
                        ]}""".formatted(first, refused, third))));

        Web.adminPost("/api/admin/digests/" + id + "/send");
        Map<String, Object> done = Web.awaitDigest(id, "sent", Duration.ofSeconds(20));

        assertThat(done).containsEntry("sent", 2).containsEntry("failed", 1);
        List<Map<String, Object>> failed = Web.deliveries(id, "failed");
        assertThat(failed).singleElement().satisfies(row -> {
            assertThat(row).containsEntry("email", refused);
            assertThat((String) row.get("lastError")).contains("mj-0013").contains("invalid email address");
        });
        mailjet.verify(1, postRequestedFor(urlEqualTo("/v3.1/send"))
                .withBasicAuth(new com.github.tomakehurst.wiremock.client.BasicCredentials("public-key", "private-key"))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(matchingJsonPath("$.Messages.length()", equalTo("3")))
                .withRequestBody(matchingJsonPath("$.Messages[0].To[0].Email", equalTo(first)))
                .withRequestBody(matchingJsonPath("$.Messages[0].From.Email", equalTo("newsletter@localhost")))
                .withRequestBody(matchingJsonPath("$.Messages[0].Subject", equalTo("Mailjet digest")))
                .withRequestBody(matchingJsonPath("$.Messages[0].TextPart"))
                .withRequestBody(matchingJsonPath("$.Messages[0].HTMLPart"))
                .withRequestBody(matchingJsonPath("$.Messages[0].CustomID", equalTo("digest:" + id)))
                .withRequestBody(matchingJsonPath("$.Messages[1].Headers['List-Unsubscribe-Post']", equalTo("List-Unsubscribe=One-Click")))
                .withRequestBody(matchingJsonPath("$.Messages[2].Headers['List-Id']")));
    }

    @Test
    void aThrottledCallIsRetriedAfterAPauseWithoutCostingAttempts() {
        String list = Web.createList("mailjet-429", true, "single");
        String one = Web.newAddress("mj-one");
        String two = Web.newAddress("mj-two");
        Web.importReaders(list, List.of(one, two), null);
        Web.addArticle("Throttled through Mailjet", List.of(list));
        long id = Web.createDigest(list, "Mailjet throttled digest");
        mailjet.stubFor(post(urlEqualTo("/v3.1/send")).inScenario("throttle").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withBody("{\"ErrorMessage\": \"Too many requests\"}"))
                .willSetStateTo("calm"));
        mailjet.stubFor(post(urlEqualTo("/v3.1/send")).inScenario("throttle").whenScenarioStateIs("calm")
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"Messages\": [{\"Status\": \"success\"}, {\"Status\": \"success\"}]}")));

        Web.adminPost("/api/admin/digests/" + id + "/send");
        Map<String, Object> done = Web.awaitDigest(id, "sent", Duration.ofSeconds(20));

        assertThat(done).containsEntry("sent", 2).containsEntry("failed", 0);
        assertThat(Web.deliveries(id, "sent")).extracting(row -> row.get("attempts")).containsOnly(1);
        mailjet.verify(2, postRequestedFor(urlEqualTo("/v3.1/send")));
    }
}
