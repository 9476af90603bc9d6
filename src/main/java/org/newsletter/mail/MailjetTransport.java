package org.newsletter.mail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import org.newsletter.common.NewsletterConfig;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Mailjet's Send API v3.1: up to 50 messages a call, one result per message. A message Mailjet refuses
 * (4xx in its own result) is a permanent failure; a refused or failed call (429, 5xx, I/O) leaves every
 * message of it to be retried, 429 as throttling.
 */
public class MailjetTransport implements MailTransport {

    public static final int MAX_MESSAGES_PER_CALL = 50;

    private final HttpClient http;
    private final ObjectMapper json;
    private final URI endpoint;
    private final String authorization;
    private final NewsletterConfig.Mailjet config;

    public MailjetTransport(NewsletterConfig.Mailjet config, ObjectMapper json) {
        String key = config.apiKey().filter(k -> !k.isBlank()).orElseThrow(() -> new IllegalStateException(
                "The Mailjet transport needs NEWSLETTER_MAILJET_API_KEY"));
        String secret = config.secretKey().filter(k -> !k.isBlank()).orElseThrow(() -> new IllegalStateException(
                "The Mailjet transport needs NEWSLETTER_MAILJET_SECRET_KEY"));
        String base = config.baseUrl().endsWith("/") ? config.baseUrl().substring(0, config.baseUrl().length() - 1) : config.baseUrl();
        this.config = config;
        this.json = json;
        this.endpoint = URI.create(base + "/v3.1/send");
        this.authorization = "Basic " + Base64.getEncoder().encodeToString((key + ":" + secret).getBytes(StandardCharsets.UTF_8));
        // HTTP/2 over TLS (ALPN) for the real API; over cleartext (a local stand-in) plain HTTP/1.1, without
        // the JDK client's h2c upgrade attempt on a POST, which some servers answer by dropping the connection
        this.http = HttpClient.newBuilder().connectTimeout(config.timeout())
                .version("http".equalsIgnoreCase(endpoint.getScheme()) ? HttpClient.Version.HTTP_1_1 : HttpClient.Version.HTTP_2)
                .build();
    }

    @Override
    public int batchSize() {
        return MAX_MESSAGES_PER_CALL;
    }

    @Override
    public void send(MailMessage message) throws MailDeliveryException {
        MailDeliveryException failure = sendAll(List.of(message)).get(0);
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public List<MailDeliveryException> sendAll(List<MailMessage> messages) {
        List<MailDeliveryException> outcomes = new ArrayList<>(messages.size());
        for (int from = 0; from < messages.size(); from += MAX_MESSAGES_PER_CALL) {
            outcomes.addAll(call(messages.subList(from, Math.min(messages.size(), from + MAX_MESSAGES_PER_CALL))));
        }
        return outcomes;
    }

    private List<MailDeliveryException> call(List<MailMessage> messages) {
        HttpResponse<String> response;
        try {
            HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(config.timeout())
                    .header("Authorization", authorization)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body(messages)), StandardCharsets.UTF_8))
                    .build();
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (AddressException e) {
            return all(messages, new MailDeliveryException("Invalid address: " + e.getMessage(), true, -1, e));
        } catch (IOException e) {
            return all(messages, new MailDeliveryException("Mailjet could not be reached: " + e.getMessage(), false, -1, e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return all(messages, new MailDeliveryException("Interrupted while calling Mailjet", false, -1, e));
        }
        int status = response.statusCode();
        if (status == 200 || status == 400) {
            List<MailDeliveryException> perMessage = perMessage(response.body(), messages.size());
            if (perMessage != null) {
                return perMessage;
            }
        }
        String reply = "Mailjet answered HTTP " + status + ": " + abbreviate(response.body());
        return all(messages, new MailDeliveryException(reply, false, status, null));
    }

    private ObjectNode body(List<MailMessage> messages) throws AddressException {
        ObjectNode root = json.createObjectNode();
        ArrayNode list = root.putArray("Messages");
        for (MailMessage m : messages) {
            InternetAddress from = new InternetAddress(m.from(), true);
            ObjectNode node = list.addObject();
            ObjectNode sender = node.putObject("From").put("Email", from.getAddress());
            if (from.getPersonal() != null) {
                sender.put("Name", from.getPersonal());
            }
            node.putArray("To").addObject().put("Email", new InternetAddress(m.to(), true).getAddress());
            node.put("Subject", m.subject());
            if (m.reference() != null) {
                node.put("CustomID", m.reference()); // comes back with the message's events (bounce, spam)
            }
            node.put("TextPart", m.text());
            if (m.html() != null && !m.html().isBlank()) {
                node.put("HTMLPart", m.html());
            }
            if (!m.headers().isEmpty()) {
                ObjectNode headers = node.putObject("Headers");
                for (Map.Entry<String, String> h : m.headers().entrySet()) {
                    headers.put(h.getKey(), h.getValue());
                }
            }
        }
        return root;
    }

    /** The per-message results of a 200 or 400 answer, or null when the body has none. */
    private List<MailDeliveryException> perMessage(String body, int expected) {
        JsonNode results;
        try {
            results = json.readTree(body).path("Messages");
        } catch (IOException e) {
            return null;
        }
        if (!results.isArray() || results.size() != expected) {
            return null;
        }
        List<MailDeliveryException> outcomes = new ArrayList<>(expected);
        for (JsonNode result : results) {
            if ("success".equalsIgnoreCase(result.path("Status").asText())) {
                outcomes.add(null);
                continue;
            }
            JsonNode error = result.path("Errors").path(0);
            int code = error.path("StatusCode").asInt(-1);
            String reply = "Mailjet " + error.path("ErrorCode").asText("error") + ": "
                    + error.path("ErrorMessage").asText("the message was refused");
            boolean permanent = code >= 400 && code < 500 && code != 429;
            outcomes.add(new MailDeliveryException(reply, permanent, code, null));
        }
        return outcomes;
    }

    private static List<MailDeliveryException> all(List<MailMessage> messages, MailDeliveryException failure) {
        return new ArrayList<>(Collections.nCopies(messages.size(), failure));
    }

    private static String abbreviate(String body) {
        String oneLine = body == null ? "" : body.replaceAll("\\s+", " ").strip();
        return oneLine.length() > 300 ? oneLine.substring(0, 300) : oneLine;
    }
}
