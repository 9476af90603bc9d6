package org.newsletter.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.newsletter.common.NewsletterConfig;
import org.simplejavamail.utils.mail.dkim.Canonicalization;
import org.simplejavamail.utils.mail.dkim.DkimMessage;
import org.simplejavamail.utils.mail.dkim.DkimSigner;
import org.simplejavamail.utils.mail.dkim.SigningAlgorithm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Optional;

/**
 * DKIM signatures for outgoing mail (rsa-sha256, relaxed/relaxed) with simple-java-mail's signer. The
 * signed headers include the list headers, so a relay cannot strip or change the unsubscribe link unseen.
 */
public final class DkimSigning {

    static final String[] EXTRA_SIGNED_HEADERS = {"List-Unsubscribe-Post"};
    /** Gmail and Yahoo: at least 1024 bits, 2048 recommended. */
    static final int MIN_KEY_BITS = 1024;
    static final int RECOMMENDED_KEY_BITS = 2048;

    private final String domain;
    private final String selector;
    private final RSAPrivateKey key;
    /** One signer per thread: the library's signer keeps per-use state. */
    private final ThreadLocal<DkimSigner> signers = ThreadLocal.withInitial(this::newSigner);

    public String domain() {
        return domain;
    }

    public int keyBits() {
        return key.getModulus().bitLength();
    }

    DkimSigning(String domain, String selector, RSAPrivateKey key) {
        this.domain = domain;
        this.selector = selector;
        this.key = key;
        newSigner(); // fail at start, not at the first message
    }

    /** Signing as configured, or empty when DKIM is off; a partial configuration is refused at start. */
    public static Optional<DkimSigning> from(NewsletterConfig.Dkim config) {
        int set = (config.domain().isPresent() ? 1 : 0) + (config.selector().isPresent() ? 1 : 0)
                + (config.privateKey().isPresent() ? 1 : 0);
        if (set == 0) {
            return Optional.empty();
        }
        if (set < 3) {
            throw new IllegalStateException("DKIM needs all of NEWSLETTER_DKIM_DOMAIN, NEWSLETTER_DKIM_SELECTOR and "
                    + "NEWSLETTER_DKIM_PRIVATE_KEY; only some are set");
        }
        return Optional.of(new DkimSigning(config.domain().get().strip(), config.selector().get().strip(),
                readKey(config.privateKey().get())));
    }

    /** Reads a PKCS#8 PEM ({@code -----BEGIN PRIVATE KEY-----}) RSA key. */
    static RSAPrivateKey readKey(Path path) {
        String pem;
        try {
            pem = Files.readString(path, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("The DKIM private key " + path + " cannot be read", e);
        }
        if (!pem.contains("-----BEGIN PRIVATE KEY-----")) {
            throw new IllegalStateException("The DKIM private key " + path + " must be PKCS#8 PEM (BEGIN PRIVATE KEY); "
                    + "convert with: openssl pkcs8 -topk8 -nocrypt -in key.pem -out key.pkcs8.pem");
        }
        String base64 = pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
        RSAPrivateKey key;
        try {
            key = (RSAPrivateKey) KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
            throw new IllegalStateException("The DKIM private key " + path + " is not a valid RSA key", e);
        }
        if (key.getModulus().bitLength() < MIN_KEY_BITS) {
            throw new IllegalStateException("The DKIM private key " + path + " has " + key.getModulus().bitLength()
                    + " bits; mailbox providers ignore keys under " + MIN_KEY_BITS + " (use 2048)");
        }
        return key;
    }

    private DkimSigner newSigner() {
        try {
            DkimSigner signer = new DkimSigner(domain, selector, key);
            signer.setSigningAlgorithm(SigningAlgorithm.SHA256_WITH_RSA);
            signer.setHeaderCanonicalization(Canonicalization.RELAXED);
            signer.setBodyCanonicalization(Canonicalization.RELAXED);
            signer.setCheckDomainKey(false);
            for (String header : EXTRA_SIGNED_HEADERS) {
                signer.addHeaderToSign(header);
            }
            return signer;
        } catch (Exception e) {
            throw new IllegalStateException("The DKIM signer cannot be set up: " + e.getMessage(), e);
        }
    }

    /** The message wrapped so that it is signed as it is written to the wire. */
    MimeMessage sign(MimeMessage message) throws MessagingException {
        return new DkimMessage(message, signers.get());
    }
}
