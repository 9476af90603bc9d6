package org.newsletter.support;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.apache.james.jdkim.DKIMVerifier;
import org.apache.james.jdkim.api.SignatureRecord;
import org.apache.james.jdkim.exceptions.FailException;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/** Verifies DKIM signatures as a receiving server would, with Apache James jDKIM and our test key's record. */
public final class Dkim {

    private Dkim() {
    }

    /** Verifies the message as received; returns the signed header names (lower case). Throws if invalid. */
    public static List<String> verify(MimeMessage message) {
        try {
            ByteArrayOutputStream raw = new ByteArrayOutputStream();
            message.writeTo(raw);
            DKIMVerifier verifier = new DKIMVerifier((method, selector, domain) -> {
                if (DkimKeyResource.SELECTOR.contentEquals(selector) && DkimKeyResource.DOMAIN.contentEquals(domain)) {
                    return List.of(DkimKeyResource.dnsRecord());
                }
                return List.of();
            });
            List<SignatureRecord> records = verifier.verify(new ByteArrayInputStream(raw.toByteArray()));
            if (records == null || records.isEmpty()) {
                throw new AssertionError("The message carries no DKIM signature");
            }
            SignatureRecord record = records.get(0);
            return record.getHeaders().stream().map(h -> h.toString().toLowerCase()).toList();
        } catch (FailException e) {
            throw new AssertionError("DKIM verification failed: " + e.getMessage(), e);
        } catch (IOException | MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The tags of the DKIM-Signature header, e.g. "a=rsa-sha256", whitespace removed. */
    public static List<String> tags(MimeMessage message) {
        try {
            return Arrays.asList(message.getHeader("DKIM-Signature")[0].replaceAll("\\s", "").split(";"));
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
