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
 * A list's confirmed readers as CSV, streamed: rows are fetched from a server-side cursor and written as
 * they come (Commons CSV), so a list of millions costs no memory.
 */
@ApplicationScoped
public class CsvExporter {

    private final AgroalDataSource dataSource;

    CsvExporter(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void write(long listId, OutputStream out) throws IOException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false); // the PostgreSQL driver streams with a cursor only inside a transaction
            try (PreparedStatement ps = c.prepareStatement("""
                    select s.email, coalesce(s.name, ''), sub.confirmed_at
                      from subscriptions sub join subscribers s on s.id = sub.subscriber_id
                     where sub.list_id = ? and sub.status = 'confirmed' and s.status = 'active'
                     order by s.id
                    """)) {
                ps.setLong(1, listId);
                ps.setFetchSize(1000);
                CSVPrinter csv = new CSVPrinter(new OutputStreamWriter(out, StandardCharsets.UTF_8),
                        CSVFormat.DEFAULT.builder().setHeader("email", "name", "confirmed_at").get());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        java.sql.Timestamp confirmed = rs.getTimestamp(3);
                        csv.printRecord(rs.getString(1), rs.getString(2), confirmed == null ? "" : confirmed.toInstant().toString());
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
}
