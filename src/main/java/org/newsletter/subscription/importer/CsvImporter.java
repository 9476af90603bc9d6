package org.newsletter.subscription.importer;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.jboss.logging.Logger;
import org.newsletter.common.InputRules;
import org.newsletter.common.InvalidInputException;
import org.newsletter.lists.MailingList;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Imports readers from CSV ({@code email,name}) as confirmed subscribers of one list. The file is read as a
 * stream and written in chunks, each chunk a handful of set-based statements in its own transaction: memory
 * stays flat whatever the file size, and a bad row never costs the good ones. No mail is sent: the readers
 * did not just act. An address that unsubscribed from the list or is blocklisted is not re-subscribed.
 */
@ApplicationScoped
public class CsvImporter {

    static final int MAX_REPORTED_ERRORS = 1000;
    private static final int CHUNK = 2000;
    /** Commons CSV's words for a quote opened and never closed before the end of the file. */
    private static final Pattern UNCLOSED_QUOTE = Pattern.compile("\\(startline (\\d+)\\) EOF reached before encapsulated token finished");
    private static final Logger LOG = Logger.getLogger(CsvImporter.class);

    private final AgroalDataSource dataSource;

    CsvImporter(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    private record Row(long line, String email, String name) {
    }

    private final class Run {
        final long listId;
        final Map<String, Long> seen = new HashMap<>();
        final List<ImportReport.RowError> errors = new ArrayList<>();
        long imported;
        long updated;
        long skipped;

        Run(long listId) {
            this.listId = listId;
        }

        void skip(long line, String message) {
            skipped++;
            if (errors.size() < MAX_REPORTED_ERRORS) {
                errors.add(new ImportReport.RowError(line, message));
            }
        }
    }

    public ImportReport importCsv(MailingList list, InputStream body) {
        Run run = new Run(list.id);
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true).setTrim(true).setIgnoreHeaderCase(true).get();
        List<Row> chunk = new ArrayList<>(CHUNK);
        try (Reader reader = new InputStreamReader(body, StandardCharsets.UTF_8);
             CSVParser parser = CSVParser.parse(reader, format)) {
            Map<String, Integer> header = parser.getHeaderMap();
            if (header == null || !header.containsKey("email")) {
                throw new InvalidInputException("body", "The first line must be a header naming the columns: email,name");
            }
            boolean hasName = header.containsKey("name");
            for (CSVRecord record : parser) {
                long line = parser.getCurrentLineNumber();
                Row row = validRow(run, record, line, hasName);
                if (row != null) {
                    chunk.add(row);
                }
                if (chunk.size() == CHUNK) {
                    write(run, chunk);
                    chunk.clear();
                }
            }
        } catch (IOException | UncheckedIOException e) {
            Throwable cause = e instanceof UncheckedIOException && e.getCause() != null ? e.getCause() : e;
            Matcher unclosed = UNCLOSED_QUOTE.matcher(String.valueOf(cause.getMessage()));
            if (unclosed.find()) {
                run.skip(Long.parseLong(unclosed.group(1)), "A quoted value that starts on this line is never closed"
                        + " (rows before it were imported)");
            } else {
                run.skip(-1, "The file could not be read to the end: " + cause.getMessage()
                        + " (rows before this point were imported)");
            }
        } catch (IllegalStateException malformed) {
            run.skip(-1, "The CSV is malformed: " + malformed.getMessage() + " (rows before this point were imported)");
        }
        // the rows read last, also when the file broke off after them: what the report says was imported
        if (!chunk.isEmpty()) {
            write(run, chunk);
        }
        LOG.infof("Import into list %d: %d imported, %d updated, %d skipped", list.id, run.imported, run.updated, run.skipped);
        return new ImportReport(run.imported, run.updated, run.skipped, run.errors);
    }

    private Row validRow(Run run, CSVRecord record, long line, boolean hasName) {
        if (!record.isConsistent() && record.size() < 1) {
            run.skip(line, "Empty row");
            return null;
        }
        String email = InputRules.normalizeEmail(record.isSet("email") ? record.get("email") : null);
        String name = hasName && record.isSet("name") ? InputRules.trimToNull(record.get("name")) : null;
        var emailProblem = InputRules.emailProblem(email);
        if (emailProblem.isPresent()) {
            run.skip(line, emailProblem.get() + (email == null ? "" : ": '" + abbreviate(email) + "'"));
            return null;
        }
        var nameProblem = InputRules.nameProblem(name);
        if (nameProblem.isPresent()) {
            run.skip(line, nameProblem.get());
            return null;
        }
        Long first = run.seen.putIfAbsent(email.toLowerCase(Locale.ROOT), line);
        if (first != null) {
            run.skip(line, "Duplicate of line " + first);
            return null;
        }
        return new Row(line, email, name);
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }

    private void write(Run run, List<Row> chunk) {
        QuarkusTransaction.requiringNew().run(() -> {
            try (Connection c = dataSource.getConnection()) {
                writeChunk(c, run, chunk);
            } catch (SQLException e) {
                throw new IllegalStateException("Import chunk failed", e);
            }
        });
    }

    private void writeChunk(Connection c, Run run, List<Row> all) throws SQLException {
        java.util.Set<String> suppressed = new java.util.HashSet<>();
        try (PreparedStatement ps = c.prepareStatement(ImportSql.SUPPRESSED)) {
            ps.setArray(1, c.createArrayOf("text", all.stream().map(Row::email).toArray(String[]::new)));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    suppressed.add(rs.getString(1));
                }
            }
        }
        List<Row> chunk = new ArrayList<>(all.size());
        for (Row row : all) {
            if (suppressed.contains(row.email().toLowerCase(Locale.ROOT))) {
                run.skip(row.line(), "Skipped: this address is on the suppression list (erased on request, or bounced)");
            } else {
                chunk.add(row);
            }
        }
        if (chunk.isEmpty()) {
            return;
        }
        String[] emails = chunk.stream().map(Row::email).toArray(String[]::new);
        String[] names = chunk.stream().map(Row::name).toArray(String[]::new);
        try (PreparedStatement ps = c.prepareStatement(ImportSql.INSERT_SUBSCRIBERS)) {
            ps.setArray(1, c.createArrayOf("text", emails));
            ps.setArray(2, c.createArrayOf("text", names));
            ps.executeUpdate();
        }
        record State(long id, String subscriberStatus, String subscriptionStatus) {
        }
        Map<String, State> state = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(ImportSql.STATE)) {
            ps.setLong(1, run.listId);
            ps.setArray(2, c.createArrayOf("text",
                    chunk.stream().map(r -> r.email().toLowerCase(Locale.ROOT)).toArray(String[]::new)));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    state.put(rs.getString(2), new State(rs.getLong(1), rs.getString(3), rs.getString(4)));
                }
            }
        }
        List<Long> confirm = new ArrayList<>();
        List<Long> renameIds = new ArrayList<>();
        List<String> renameTo = new ArrayList<>();
        for (Row row : chunk) {
            State s = state.get(row.email().toLowerCase(Locale.ROOT));
            if (s == null) {
                run.skip(row.line(), "Not imported; try again");
            } else if ("blocklisted".equals(s.subscriberStatus())) {
                run.skip(row.line(), "Skipped: this address is blocklisted");
            } else if ("unsubscribed".equals(s.subscriptionStatus())) {
                run.skip(row.line(), "Skipped: this reader unsubscribed from the list; an import does not re-subscribe them");
            } else {
                confirm.add(s.id());
                if (s.subscriptionStatus() == null) {
                    run.imported++;
                } else {
                    run.updated++;
                }
                if (row.name() != null) {
                    renameIds.add(s.id());
                    renameTo.add(row.name());
                }
            }
        }
        if (!renameIds.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement(ImportSql.UPDATE_NAMES)) {
                ps.setArray(1, c.createArrayOf("bigint", renameIds.toArray()));
                ps.setArray(2, c.createArrayOf("text", renameTo.toArray()));
                ps.executeUpdate();
            }
        }
        if (!confirm.isEmpty()) {
            Array ids = c.createArrayOf("bigint", confirm.toArray());
            try (PreparedStatement ps = c.prepareStatement(ImportSql.CONFIRM_SUBSCRIPTIONS)) {
                ps.setLong(1, run.listId);
                ps.setArray(2, ids);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(ImportSql.CONSENT_EVENTS)) {
                ps.setLong(1, run.listId);
                ps.setArray(2, ids);
                ps.executeUpdate();
            }
        }
    }
}
