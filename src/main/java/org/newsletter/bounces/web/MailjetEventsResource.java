package org.newsletter.bounces.web;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.newsletter.bounces.DeliveryFeedback;
import org.newsletter.bounces.DeliveryFeedback.Kind;
import org.newsletter.bounces.DeliveryFeedback.Report;
import org.newsletter.common.InvalidInputException;
import org.newsletter.common.NewsletterConfig;
import org.newsletter.mail.MailMessage;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Mailjet's Event API: one event or an array of them (grouped), posted with the Basic credentials given in
 * the webhook URL. Hard bounces, blocks for a reason of the recipient's, and spam complaints become
 * {@link DeliveryFeedback} reports; other events (sent, open, click, soft bounces, Mailjet's own unsub) are
 * acknowledged and ignored. Mailjet retries what is not answered 200, so an event we cannot use is counted,
 * not refused.
 */
@Path("/api/webhooks/mailjet")
@PermitAll
public class MailjetEventsResource {

    /** What one call did. */
    public record Outcome(int received, int bounces, int complaints, int ignored) {
    }

    private final DeliveryFeedback feedback;
    private final Optional<byte[]> secret;

    MailjetEventsResource(DeliveryFeedback feedback, NewsletterConfig config) {
        this.feedback = feedback;
        this.secret = config.mailjet().webhookSecret().filter(s -> !s.isBlank()).map(s -> s.getBytes(StandardCharsets.UTF_8));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Outcome receive(@HeaderParam("Authorization") String authorization, JsonNode body) {
        byte[] expected = secret.orElseThrow(() -> new NotFoundException("Mailjet events are not enabled"));
        if (!MessageDigest.isEqual(expected, password(authorization))) {
            throw new NotAuthorizedException("Basic realm=\"mailjet-events\"");
        }
        if (body == null || !(body.isObject() || body.isArray())) {
            throw new InvalidInputException("body", "Send a Mailjet event object or an array of them");
        }
        List<JsonNode> events = new ArrayList<>();
        if (body.isArray()) {
            body.forEach(events::add);
        } else {
            events.add(body);
        }
        List<Report> reports = events.stream().map(MailjetEventsResource::report).flatMap(Optional::stream).toList();
        feedback.record(reports);
        int bounces = (int) reports.stream().filter(r -> r.kind() == Kind.hardBounce).count();
        return new Outcome(events.size(), bounces, reports.size() - bounces, events.size() - reports.size());
    }

    /** The report an event makes, if any. */
    static Optional<Report> report(JsonNode event) {
        String email = event.path("email").asText("").strip();
        if (email.isEmpty() || email.length() > 320 || !email.contains("@")) {
            return Optional.empty();
        }
        Optional<Long> digest = MailMessage.digestOf(event.path("CustomID").asText(null));
        String relatedTo = event.path("error_related_to").asText("");
        String error = event.path("error").asText("");
        return switch (event.path("event").asText("")) {
            case "bounce" -> event.path("hard_bounce").asBoolean(false)
                    ? Optional.of(new Report(Kind.hardBounce, email, describe("Mailjet hard bounce", relatedTo, error, event), digest))
                    : Optional.empty();
            // blocked before sending: only a reason of the recipient's says something about the address
            case "blocked" -> "recipient".equals(relatedTo)
                    ? Optional.of(new Report(Kind.hardBounce, email, describe("Mailjet blocked", relatedTo, error, event), digest))
                    : Optional.empty();
            case "spam" -> Optional.of(new Report(Kind.complaint, email,
                    "Spam complaint reported by Mailjet" + (event.path("source").asText("").isBlank() ? ""
                            : " (" + event.path("source").asText() + ")"), digest));
            default -> Optional.empty();
        };
    }

    private static String describe(String what, String relatedTo, String error, JsonNode event) {
        StringBuilder text = new StringBuilder(what);
        if (!relatedTo.isBlank() || !error.isBlank()) {
            text.append(": ").append(relatedTo.isBlank() ? "" : relatedTo + ", ").append(error);
        }
        String comment = event.path("comment").asText("");
        if (!comment.isBlank()) {
            text.append(" (").append(comment).append(')');
        }
        return text.toString();
    }

    /** The password of a Basic Authorization header; empty when there is none. */
    private static byte[] password(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return new byte[0];
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).strip()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? new byte[0] : decoded.substring(colon + 1).getBytes(StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }
}
