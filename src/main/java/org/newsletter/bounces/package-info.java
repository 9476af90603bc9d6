/**
 * What the mail provider reports after it accepted a message: hard bounces suppress the address,
 * complaints unsubscribe the reader from every list and suppress the address. Its webhooks live in {@code web}.
 */
package org.newsletter.bounces;
