package org.newsletter.subscription.importer;

import java.util.List;

/**
 * What an import did: {@code imported} new confirmed subscriptions, {@code updated} readers already known
 * whose subscription is now confirmed, {@code skipped} rows not applied, each explained in {@code errors}
 * (the first {@value CsvImporter#MAX_REPORTED_ERRORS} of them).
 */
public record ImportReport(long imported, long updated, long skipped, List<RowError> errors) {

    public record RowError(long line, String message) {
    }
}
