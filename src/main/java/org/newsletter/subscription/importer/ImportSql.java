package org.newsletter.subscription.importer;

/** The set-based statements of a CSV import: each runs once per chunk of rows, never once per row. */
final class ImportSql {

    private ImportSql() {
    }

    /** The addresses of a chunk that must never be added again (erased readers, hard bounces). */
    static final String SUPPRESSED = """
            select lower(t.email) from unnest(?::text[]) as t(email)
             where exists (select 1 from suppressions x where x.email_hash = email_hash(t.email))
            """;

    /** New addresses become subscribers; known ones (case-insensitively) are left as they are. */
    static final String INSERT_SUBSCRIBERS = """
            insert into subscribers (public_id, email, name, status, created_at)
            select gen_random_uuid(), t.email, t.name, 'active', now()
              from unnest(?::text[], ?::text[]) as t(email, name)
            on conflict ((lower(email))) do nothing
            """;

    /** Each address's subscriber and its subscription to the list, to decide row by row what applies. */
    static final String STATE = """
            select s.id, lower(s.email), s.status, sub.status
              from subscribers s
              left join subscriptions sub on sub.subscriber_id = s.id and sub.list_id = ?
             where lower(s.email) = any(?::text[])
            """;

    /** A name in the file fills in or replaces the stored one. */
    static final String UPDATE_NAMES = """
            update subscribers s set name = t.name
              from unnest(?::bigint[], ?::text[]) as t(id, name)
             where s.id = t.id and t.name is not null and s.name is distinct from t.name
            """;

    /**
     * Confirms: a new subscription, or a pending one. The guard on status means a reader who
     * unsubscribed in the meantime stays unsubscribed.
     */
    static final String CONFIRM_SUBSCRIPTIONS = """
            insert into subscriptions (subscriber_id, list_id, status, created_at, updated_at, confirmed_at)
            select t.id, ?, 'confirmed', now(), now(), now() from unnest(?::bigint[]) as t(id)
            on conflict (subscriber_id, list_id) do update
               set status = 'confirmed', confirmed_at = now(), updated_at = now()
             where subscriptions.status = 'pending'
            """;

    static final String CONSENT_EVENTS = """
            insert into consent_events (subscriber_id, action, source, list_ids, created_at)
            select t.id, 'import', 'import', array[?::bigint], now() from unnest(?::bigint[]) as t(id)
            """;
}
