package org.newsletter.subscription;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.newsletter.common.NewsletterConfig;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HexFormat;

/**
 * The consent text shown on signup forms, versioned by its hash. Each version's text is stored once, so
 * every consent event can be exported with the exact words the reader saw.
 */
@Singleton
public class ConsentTexts {

    private final String text;
    private final String version;
    private final AgroalDataSource dataSource;

    ConsentTexts(NewsletterConfig config, AgroalDataSource dataSource) {
        this.text = config.consentText();
        this.version = versionOf(text);
        this.dataSource = dataSource;
    }

    static String versionOf(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    void register(@Observes StartupEvent start) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "insert into consent_texts (version, text) values (?, ?) on conflict (version) do nothing")) {
            ps.setString(1, version);
            ps.setString(2, text);
            ps.executeUpdate();
        }
    }

    public String current() {
        return text;
    }

    public String currentVersion() {
        return version;
    }
}
