package org.newsletter.sending;

/** The ledger's SQL, in one place. Parameters are positional; each statement says what it binds. */
final class DeliverySql {

    private DeliverySql() {
    }

    /** Digests this instance should work on. */
    static final String ACTIVE_DIGESTS = "select id from digests where status = 'sending' order by id";

    /**
     * Claims up to n due rows of one digest that is still sending: pending rows whose time has come and
     * rows whose lease ran out (their worker died). Rows whose reader left the list, was blocked or
     * suppressed since the ledger was written become {@code skipped} instead. SKIP LOCKED lets any number
     * of workers and instances claim side by side. The claim commits before anything is sent. A row
     * whose reader no longer exists is skipped too.
     * Binds: digest, digest, limit, lease millis, instance, digest.
     */
    static final String CLAIM = """
            with picked as (
                select d.subscriber_id from deliveries d
                 where d.digest_id = ? and d.status in ('pending', 'sending') and d.next_attempt_at <= now()
                   and (d.status = 'pending' or d.lease_until < now())
                   and exists (select 1 from digests g where g.id = ? and g.status = 'sending')
                 order by d.subscriber_id
                 limit ?
                   for update of d skip locked
            ), judged as (
                select p.subscriber_id,
                       coalesce(s.status = 'active' and sub.status = 'confirmed'
                                and not exists (select 1 from suppressions x where x.email_hash = s.email_hash), false) as eligible
                  from picked p
                  left join subscribers s on s.id = p.subscriber_id
                  join digests g on g.id = ?
                  left join subscriptions sub on sub.subscriber_id = p.subscriber_id and sub.list_id = g.list_id
            ), claimed as (
                update deliveries d
                   set status = case when j.eligible then 'sending' else 'skipped' end,
                       attempts = d.attempts + case when j.eligible then 1 else 0 end,
                       lease_until = case when j.eligible then now() + ? * interval '1 millisecond' end,
                       leased_by = ?
                  from judged j
                 where d.digest_id = ? and d.subscriber_id = j.subscriber_id
                returning d.subscriber_id, d.attempts, d.status
            )
            select c.subscriber_id, c.attempts, s.public_id, s.email, s.name
              from claimed c join subscribers s on s.id = c.subscriber_id
             where c.status = 'sending'
             order by c.subscriber_id
            """;

    /** The rows that went out, in one statement. Binds: digest, subscriber ids. */
    static final String MARK_SENT = """
            update deliveries set status = 'sent', sent_at = now(), lease_until = null, last_error = null
             where digest_id = ? and subscriber_id = any(?) and status = 'sending'
            """;

    /** Binds: reply, digest, subscriber. */
    static final String MARK_FAILED = """
            update deliveries set status = 'failed', lease_until = null, last_error = ?
             where digest_id = ? and subscriber_id = ? and status = 'sending'
            """;

    /**
     * Back to pending, due again after a delay; a throttled row gets its attempt back. Binds: reply,
     * delay millis, attempts to give back (0 or 1), digest, subscriber.
     */
    static final String MARK_RETRY = """
            update deliveries
               set status = 'pending', lease_until = null, last_error = ?,
                   next_attempt_at = now() + ? * interval '1 millisecond', attempts = greatest(attempts - ?, 0)
             where digest_id = ? and subscriber_id = ? and status = 'sending'
            """;

    /** Claimed rows this worker will not send (shutting down, lease nearly out). Binds: digest, subscriber ids. */
    static final String RELEASE = """
            update deliveries set status = 'pending', lease_until = null, attempts = greatest(attempts - 1, 0)
             where digest_id = ? and subscriber_id = any(?) and status = 'sending'
            """;

    /** A permanent failure: the bounce is recorded and the address suppressed. Binds: subscriber, digest, code, reply, subscriber. */
    static final String RECORD_BOUNCE = """
            insert into bounces (subscriber_id, digest_id, email_hash, reply_code, reply)
            select ?, ?, s.email_hash, ?, ? from subscribers s where s.id = ?
            """;

    /** Binds: reply, subscriber. */
    static final String SUPPRESS = """
            insert into suppressions (email_hash, reason, detail)
            select s.email_hash, 'bounce', ? from subscribers s where s.id = ?
            on conflict (email_hash) do nothing
            """;

    /** The digest is done when no row is left to send. Binds: digest, digest. */
    static final String FINISH = """
            update digests set status = 'sent', finished_at = now()
             where id = ? and status = 'sending'
               and not exists (select 1 from deliveries where digest_id = ? and status in ('pending', 'sending'))
            """;
}
