package org.newsletter.common;

import jakarta.inject.Singleton;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * Signed, purpose-scoped link tokens for the links we mail to readers.
 *
 * <p>A token is {@code base64url(payload) + base64url(HMAC-SHA256(secret, payload))[0..16 bytes]} where the
 * payload binds the purpose, the reader's public id, a scope (the list for unsubscribe links, the signup
 * for confirmation links, 0 otherwise) and an expiry. The MAC is compared in constant time. Nothing is
 * stored: a token is valid exactly while its signature checks out and it has not expired.
 */
@Singleton
public class LinkTokens {

    public enum Purpose {
        CONFIRM((byte) 'C'), UNSUBSCRIBE((byte) 'U'), CANCEL_SIGNUP((byte) 'X'), PREFERENCES((byte) 'P'),
        /** An article link in a digest: names the digest and the article, no reader. */
        CLICK((byte) 'K');

        final byte tag;

        Purpose(byte tag) {
            this.tag = tag;
        }
    }

    /** What a valid token says. */
    public record Claims(Purpose purpose, UUID subscriber, long scope, Instant expiresAt) {
    }

    private static final int PAYLOAD_LENGTH = 1 + 16 + 8 + 8;
    private static final int MAC_LENGTH = 16;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    /** Links in mail that must keep working for years: unsubscribe and preferences. */
    private static final long LONG_LIVED_SECONDS = 10L * 366 * 24 * 3600;

    private final SecretKeySpec key;
    private final Clock clock;
    private final Duration confirmTtl;

    public LinkTokens(NewsletterConfig config, Clock clock) {
        byte[] secret = config.tokenSecret().getBytes(StandardCharsets.UTF_8);
        if (secret.length < 32) {
            throw new IllegalStateException("newsletter.token-secret (NEWSLETTER_TOKEN_SECRET) must be at least 32 characters");
        }
        this.key = new SecretKeySpec(secret, "HmacSHA256");
        this.clock = clock;
        this.confirmTtl = config.confirmTokenTtl();
    }

    public String confirm(UUID subscriber, long signupEventId) {
        return issue(Purpose.CONFIRM, subscriber, signupEventId, clock.instant().plus(confirmTtl));
    }

    public String unsubscribe(UUID subscriber, long listId) {
        return issue(Purpose.UNSUBSCRIBE, subscriber, listId, clock.instant().plusSeconds(LONG_LIVED_SECONDS));
    }

    public String cancelSignup(UUID subscriber, long signupEventId) {
        return issue(Purpose.CANCEL_SIGNUP, subscriber, signupEventId, clock.instant().plusSeconds(LONG_LIVED_SECONDS));
    }

    public String preferences(UUID subscriber) {
        return issue(Purpose.PREFERENCES, subscriber, 0, clock.instant().plusSeconds(LONG_LIVED_SECONDS));
    }

    /** An article's link in a digest, the same for every reader: the digest and the article, nobody's id. */
    public String click(long digestId, long articleId) {
        return issue(Purpose.CLICK, new UUID(digestId, articleId), 0, clock.instant().plusSeconds(LONG_LIVED_SECONDS));
    }

    /** The digest and article of a valid click token. */
    public record Click(long digestId, long articleId) {
    }

    public Optional<Click> verifyClick(String token) {
        return verify(token, Purpose.CLICK).map(c -> new Click(c.subscriber().getMostSignificantBits(),
                c.subscriber().getLeastSignificantBits()));
    }

    /** Issues a token; the named methods above are what callers normally want. */
    public String issue(Purpose purpose, UUID subscriber, long scope, Instant expiresAt) {
        ByteBuffer payload = ByteBuffer.allocate(PAYLOAD_LENGTH)
                .put(purpose.tag)
                .putLong(subscriber.getMostSignificantBits())
                .putLong(subscriber.getLeastSignificantBits())
                .putLong(scope)
                .putLong(expiresAt.getEpochSecond());
        byte[] bytes = payload.array();
        return ENCODER.encodeToString(bytes) + "." + ENCODER.encodeToString(mac(bytes));
    }

    /** The claims of a token that is well formed, correctly signed, of one of the given purposes and not expired. */
    public Optional<Claims> verify(String token, Purpose... accepted) {
        if (token == null || token.length() > 200) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        byte[] payload;
        byte[] signature;
        try {
            payload = DECODER.decode(token.substring(0, dot));
            signature = DECODER.decode(token.substring(dot + 1));
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
        // only the canonical spelling counts: base64 would otherwise accept variants in the unused low bits
        if (!ENCODER.encodeToString(payload).equals(token.substring(0, dot))
                || !ENCODER.encodeToString(signature).equals(token.substring(dot + 1))) {
            return Optional.empty();
        }
        if (payload.length != PAYLOAD_LENGTH || !MessageDigest.isEqual(mac(payload), signature)) {
            return Optional.empty();
        }
        ByteBuffer buffer = ByteBuffer.wrap(payload);
        byte tag = buffer.get();
        UUID subscriber = new UUID(buffer.getLong(), buffer.getLong());
        long scope = buffer.getLong();
        Instant expiresAt = Instant.ofEpochSecond(buffer.getLong());
        for (Purpose purpose : accepted) {
            if (purpose.tag == tag) {
                return expiresAt.isAfter(clock.instant())
                        ? Optional.of(new Claims(purpose, subscriber, scope, expiresAt))
                        : Optional.empty();
            }
        }
        return Optional.empty();
    }

    private byte[] mac(byte[] payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] full = mac.doFinal(payload);
            byte[] truncated = new byte[MAC_LENGTH];
            System.arraycopy(full, 0, truncated, 0, MAC_LENGTH);
            return truncated;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
