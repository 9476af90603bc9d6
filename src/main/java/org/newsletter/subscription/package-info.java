/**
 * Readers and their per-list subscriptions (a state machine), the append-only consent log, signup, confirmation, preferences and unsubscribing.
 */
package org.newsletter.subscription;
