package org.newsletter.mail;

/** The SQL of the transactional mail queue, in one place. */
final class MailSql {

    private MailSql() {
    }

    /**
     * Claims due mail: queued mail whose time has come, and mail whose sender's lease ran out (that
     * worker died). SKIP LOCKED lets any number of workers and instances claim side by side without
     * waiting on or taking each other's rows. The claim is committed before anything is sent.
     */
    static final String CLAIM = """
            update outbound_mails m
               set status = 'sending', attempts = m.attempts + 1, lease_until = now() + interval '5 minutes'
             where m.id in (select id from outbound_mails
                             where status in ('queued', 'sending') and next_attempt_at <= now()
                               and (status = 'queued' or lease_until < now())
                             order by next_attempt_at
                             limit ? for update skip locked)
            returning m.id, m.recipient, m.subject, m.html_body, m.text_body, m.headers::text, m.attempts
            """;

    static final String MARK_SENT = """
            update outbound_mails set status = 'sent', sent_at = now(), lease_until = null, last_error = null
             where id = any(?)
            """;

    static final String MARK_FAILED = """
            update outbound_mails set status = 'failed', lease_until = null, last_error = ? where id = ?
            """;

    /** Back to the queue, due again after the backoff (milliseconds). */
    static final String MARK_RETRY = """
            update outbound_mails
               set status = 'queued', lease_until = null, last_error = ?,
                   next_attempt_at = now() + (? * interval '1 millisecond')
             where id = ?
            """;
}
