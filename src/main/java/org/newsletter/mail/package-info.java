/**
 * Outgoing mail: the transport interface (SMTP via Jakarta Mail, outbox directory), list headers, and the queue and worker that send transactional mail after commit.
 */
package org.newsletter.mail;
