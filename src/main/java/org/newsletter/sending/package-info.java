/**
 * The sending engine: workers on every instance claim batches of a digest's ledger rows with
 * {@code FOR UPDATE SKIP LOCKED} and a lease, send them over kept-open connections and record each outcome.
 */
package org.newsletter.sending;
