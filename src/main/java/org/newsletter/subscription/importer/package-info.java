/**
 * Streamed, set-based CSV import of readers into a list.
 */
package org.newsletter.subscription.importer;
