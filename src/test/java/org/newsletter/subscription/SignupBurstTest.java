package org.newsletter.subscription;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.newsletter.support.Mailbox;
import org.newsletter.support.Web;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signups arriving together are written together (one transaction per batch); each reader must still end
 * up exactly as if their request had been alone: one reader per address, one consent event per request,
 * one confirmation mail per new signup within the daily cap, single opt-in lists confirmed at once.
 */
@QuarkusTest
class SignupBurstTest {

    Mailbox mailbox;

    @Test
    void aBurstOfSignupsLeavesEveryReaderAsIfTheyHadSignedUpAlone() throws Exception {
        String news = Web.createList("burst-news", true, "double");
        String sport = Web.createList("burst-sport", true, "double");
        String offers = Web.createList("burst-offers", true, "single");
        List<String> fresh = Web.addresses("burst-fresh", 30);
        List<String> repeated = Web.addresses("burst-again", 5);
        List<String> single = Web.addresses("burst-single", 5);

        List<Callable<Integer>> requests = new ArrayList<>();
        fresh.forEach(a -> requests.add(() -> Web.signUpByJson(a, "Fresh Reader", List.of(news, sport)).statusCode()));
        for (String a : repeated) {
            // the same reader four times at once, spelled in two cases: one reader, as the unique index says
            for (String spelling : List.of(a, a.toUpperCase(Locale.ROOT), a, a.toUpperCase(Locale.ROOT))) {
                requests.add(() -> Web.signUpByJson(spelling, null, List.of(news)).statusCode());
            }
        }
        single.forEach(a -> requests.add(() -> Web.signUpByJson(a, null, List.of(offers)).statusCode()));

        ExecutorService pool = Executors.newFixedThreadPool(32);
        try {
            List<Future<Integer>> answers = pool.invokeAll(requests);
            for (Future<Integer> answer : answers) {
                assertThat(answer.get()).isEqualTo(202);
            }
        } finally {
            pool.shutdownNow();
        }

        for (String a : fresh) {
            Map<String, Object> reader = Web.subscriber(a);
            assertThat(reader.get("name")).isEqualTo("Fresh Reader");
            assertThat(statuses(reader)).containsEntry(news, "pending").containsEntry(sport, "pending").hasSize(2);
            assertThat(consent(reader)).extracting(c -> c.get("action")).containsExactly("signup");
            MimeMessage confirmation = mailbox.await(a, 1).get(0);
            assertThat(Mailbox.part(confirmation, "text/plain")).contains("List " + news).contains("List " + sport);
        }
        for (String a : repeated) {
            assertThat(Web.countSubscribers(a)).isEqualTo(1);
            Map<String, Object> reader = Web.subscriber(a);
            assertThat(statuses(reader)).containsExactly(Map.entry(news, "pending"));
            assertThat(consent(reader)).extracting(c -> c.get("action")).containsExactly("signup", "signup", "signup", "signup");
            mailbox.await(a, 3);
        }
        for (String a : single) {
            Map<String, Object> reader = Web.subscriber(a);
            assertThat(statuses(reader)).containsExactly(Map.entry(offers, "confirmed"));
            assertThat(consent(reader)).extracting(c -> c.get("action")).containsExactly("signup", "confirm");
            assertThat(Mailbox.subject(mailbox.await(a, 1).get(0))).isEqualTo("Welcome to List " + offers);
        }
        // the daily cap holds however the requests were grouped; nobody else got more than one mail
        for (String a : repeated) {
            assertThat(mailbox.settle(a, Duration.ZERO)).hasSize(3);
        }
        mailbox.settle(fresh.get(0), Duration.ofSeconds(1));
        fresh.forEach(a -> assertThat(mailbox.messagesTo(a)).hasSize(1));
        single.forEach(a -> assertThat(mailbox.messagesTo(a)).hasSize(1));
    }

    @Test
    void anAddressAtAnInternationalizedDomainIsKeptInItsAsciiFormAndGetsItsMail() {
        String list = Web.createList("intl", true, "double");
        String local = "jorg-" + java.util.UUID.randomUUID().toString().substring(0, 8);

        Web.signUpByJson(local + "@Bücher.example.org", "Jörg", List.of(list)).then().statusCode(202);
        Web.signUpByJson(local + "@bücher.example.org", null, List.of(list)).then().statusCode(202);

        String ascii = local + "@xn--bcher-kva.example.org";
        Map<String, Object> reader = Web.subscriber(ascii);
        assertThat(reader.get("email")).isEqualTo(ascii);
        assertThat(reader.get("name")).isEqualTo("Jörg");
        assertThat(statuses(reader)).containsExactly(Map.entry(list, "pending"));
        assertThat(consent(reader)).extracting(c -> c.get("action")).containsExactly("signup", "signup");
        assertThat(Mailbox.subject(mailbox.await(ascii, 2).get(0))).startsWith("Please confirm");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> statuses(Map<String, Object> reader) {
        Map<String, String> byList = new java.util.HashMap<>();
        for (Map<String, Object> s : (List<Map<String, Object>>) reader.get("subscriptions")) {
            byList.put((String) s.get("list"), (String) s.get("status"));
        }
        return byList;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> consent(Map<String, Object> reader) {
        return (List<Map<String, Object>>) reader.get("consent");
    }
}
