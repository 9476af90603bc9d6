package org.newsletter.subscription.importer;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A list's confirmed readers as CSV with the proof of their consent, streamed: rows are fetched from a
 * server-side cursor and written as they come (Commons CSV), so a list of millions costs no memory.
 */
@ApplicationScoped
public class CsvExporter {

    private final AgroalDataSource dataSource;

    CsvExporter(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    static final String[] HEADER = {"email", "name", "confirmed_at", "consent_source", "consent_at", "consent_ip",
        "consent_user_agent", "consent_text", "confirmed_by_link_at", "confirmed_by_link_ip"};

    /**
     * Each confirmed reader with the proof of their consent to this list: the last signup, import or
     * preference change that named the list before it was confirmed (when, how, from where, the consent
     * text shown), and for double opt-in the click on the confirmation link (when, from where). Two index
     * lookups per reader (consent_events by subscriber), so it streams at the pace of the plain list.
     * Binds: list.
     */
    static final String CONFIRMED_READERS_WITH_CONSENT = """
            select s.email, coalesce(s.name, ''), sub.confirmed_at,
                   given.source, given.created_at, given.ip_address, given.user_agent, t.text,
                   confirmed.created_at, confirmed.ip_address
              from subscriptions sub
              join subscribers s on s.id = sub.subscriber_id
              left join lateral (
                    select e.source, e.created_at, e.ip_address, e.user_agent, e.consent_text_version
                      from consent_events e
                     where e.subscriber_id = s.id and e.list_ids @> array[sub.list_id]
                       and e.action in ('signup', 'import', 'preferences') and e.created_at <= sub.confirmed_at
                     order by e.created_at desc, e.id desc limit 1) given on true
              left join consent_texts t on t.version = given.consent_text_version
              left join lateral (
                    select e.created_at, e.ip_address
                      from consent_events e
                     where e.subscriber_id = s.id and e.list_ids @> array[sub.list_id]
                       and e.action = 'confirm' and e.source = 'link' and e.created_at <= sub.confirmed_at
                     order by e.created_at desc, e.id desc limit 1) confirmed on true
             where sub.list_id = ? and sub.status = 'confirmed' and s.status = 'active'
             order by s.id
            """;

    public void write(long listId, OutputStream out) throws IOException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false); // the PostgreSQL driver streams with a cursor only inside a transaction
            try (PreparedStatement ps = c.prepareStatement(CONFIRMED_READERS_WITH_CONSENT)) {
                ps.setLong(1, listId);
                ps.setFetchSize(1000);
                CSVPrinter csv = new CSVPrinter(new OutputStreamWriter(out, StandardCharsets.UTF_8),
                        CSVFormat.DEFAULT.builder().setHeader(HEADER).get());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        csv.printRecord(text(rs, 1), text(rs, 2), instant(rs, 3), text(rs, 4), instant(rs, 5),
                                text(rs, 6), text(rs, 7), text(rs, 8), instant(rs, 9), text(rs, 10));
                    }
                }
                csv.flush();
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            throw new UncheckedIOException(new IOException("The export could not be read", e));
        }
    }

    private static String instant(ResultSet rs, int column) throws SQLException {
        java.sql.Timestamp at = rs.getTimestamp(column);
        return at == null ? "" : at.toInstant().toString();
    }

    /**
     * A text cell. One that a spreadsheet would take for a formula (a reader may name themselves
     * {@code =HYPERLINK(...)}) is prefixed with an apostrophe, as OWASP advises for CSV exports.
     */
    private static String text(ResultSet rs, int column) throws SQLException {
        String value = rs.getString(column);
        if (value == null || value.isEmpty()) {
            return "";
        }
        return "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
    }
}
