package org.newsletter.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;

/** A fresh RSA-2048 DKIM key for the test run: the service signs with it, tests verify with its public half. */
public class DkimKeyResource implements QuarkusTestResourceLifecycleManager {

    public static final String DOMAIN = "news.example.com";
    public static final String SELECTOR = "test2026";

    private static KeyPair pair;
    private static Path keyFile;

    @Override
    public synchronized Map<String, String> start() {
        if (pair == null) {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                pair = generator.generateKeyPair();
                keyFile = Files.createTempFile("dkim", ".pem");
                keyFile.toFile().deleteOnExit();
                String pem = "-----BEGIN PRIVATE KEY-----\n"
                        + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(pair.getPrivate().getEncoded())
                        + "\n-----END PRIVATE KEY-----\n";
                Files.writeString(keyFile, pem);
            } catch (NoSuchAlgorithmException | IOException e) {
                throw new IllegalStateException("Cannot make a DKIM test key", e);
            }
        }
        return Map.of("newsletter.dkim.domain", DOMAIN, "newsletter.dkim.selector", SELECTOR,
                "newsletter.dkim.private-key", keyFile.toString());
    }

    /** The DNS TXT record a receiver would look up for our selector. */
    public static String dnsRecord() {
        return "v=DKIM1; k=rsa; p=" + Base64.getEncoder().encodeToString(pair.getPublic().getEncoded());
    }

    @Override
    public void stop() {
        // kept for the JVM's lifetime
    }
}
