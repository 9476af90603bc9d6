package org.newsletter.subscription;

import io.quarkus.hibernate.orm.panache.Panache;
import org.hibernate.Session;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** SQL for subscribers, subscriptions and consent that the entity API cannot say well: the signup batch. */
final class SubscriberStore {

    private SubscriberStore() {
    }

    /** A reader as the signup upsert left it: locked, and whether this statement created them. */
    record Stored(long id, UUID publicId, boolean created, boolean blocklisted) {
    }

    /**
     * Inserts every reader whose address (case-insensitively) is unknown and locks all of them, in one
     * statement: an {@code on conflict do update} takes the row lock, so a concurrent signup for the same
     * address waits and then sees the row instead of colliding on the unique index. {@code xmax = 0} tells
     * a freshly inserted row from an existing one. Rows are matched back to the signups by PostgreSQL's own
     * {@code lower()}, whatever Java's case folding says. The signups must have distinct addresses and come
     * sorted, so that two batches lock shared addresses in the same order.
     *
     * @return the readers in the order of {@code signups}
     */
    static List<Stored> insertIfAbsentAndLock(List<AcceptedSignup> signups, Instant now) {
        return work(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    with input as (select * from unnest(?::uuid[], ?::text[], ?::text[]) with ordinality as t(p, e, n, i)),
                         stored as (
                             insert into subscribers (public_id, email, name, status, created_at)
                             select p, e, n, 'active', ? from input order by i
                             on conflict ((lower(email))) do update set email = subscribers.email
                             returning id, public_id, lower(email) as address, (xmax = 0) as created,
                                       status = 'blocklisted' as blocklisted)
                    select input.i, stored.id, stored.public_id, stored.created, stored.blocklisted
                      from input join stored on stored.address = lower(input.e)
                    """)) {
                ps.setArray(1, c.createArrayOf("uuid", signups.stream().map(s -> UUID.randomUUID()).toArray()));
                ps.setArray(2, c.createArrayOf("text", signups.stream().map(AcceptedSignup::email).toArray()));
                ps.setArray(3, c.createArrayOf("text", signups.stream().map(AcceptedSignup::name).toArray()));
                ps.setObject(4, at(now));
                Stored[] stored = new Stored[signups.size()];
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        stored[rs.getInt(1) - 1] = new Stored(rs.getLong(2), rs.getObject(3, UUID.class),
                                rs.getBoolean(4), rs.getBoolean(5));
                    }
                }
                return Arrays.asList(stored);
            }
        });
    }

    /**
     * Appends one {@code signup} consent event per new reader and starts their pending subscriptions.
     *
     * @return the event ids by subscriber id (a confirmation link names its signup event)
     */
    static Map<Long, Long> recordNewSignups(Map<Long, AcceptedSignup> bySubscriber, String consentTextVersion, Instant now) {
        return work(c -> {
            Map<Long, Long> events = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into consent_events (subscriber_id, action, source, list_ids, ip_address, user_agent,
                                                consent_text_version, created_at)
                    select s, 'signup', src, l::bigint[], ip, ua, ?, ?
                      from unnest(?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[]) as t(s, src, l, ip, ua)
                    returning id, subscriber_id
                    """)) {
                ps.setString(1, consentTextVersion);
                ps.setObject(2, at(now));
                List<Map.Entry<Long, AcceptedSignup>> rows = List.copyOf(bySubscriber.entrySet());
                ps.setArray(3, longs(c, rows.stream().map(Map.Entry::getKey).toList()));
                ps.setArray(4, c.createArrayOf("text", rows.stream().map(r -> r.getValue().source().code()).toArray()));
                ps.setArray(5, c.createArrayOf("text", rows.stream().map(r -> r.getValue().listIds().stream()
                        .map(String::valueOf).collect(Collectors.joining(",", "{", "}"))).toArray()));
                ps.setArray(6, c.createArrayOf("text", rows.stream().map(r -> r.getValue().origin().ipAddress()).toArray()));
                ps.setArray(7, c.createArrayOf("text", rows.stream().map(r -> r.getValue().origin().userAgent()).toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        events.put(rs.getLong(2), rs.getLong(1));
                    }
                }
            }
            List<long[]> pairs = bySubscriber.entrySet().stream()
                    .flatMap(e -> e.getValue().listIds().stream().map(l -> new long[] {e.getKey(), l})).toList();
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into subscriptions (subscriber_id, list_id, status, created_at, updated_at)
                    select s, l, 'pending', ?, ? from unnest(?::bigint[], ?::bigint[]) as t(s, l)
                    """)) {
                ps.setObject(1, at(now));
                ps.setObject(2, at(now));
                ps.setArray(3, longs(c, pairs.stream().map(p -> p[0]).toList()));
                ps.setArray(4, longs(c, pairs.stream().map(p -> p[1]).toList()));
                ps.executeUpdate();
            }
            return events;
        });
    }

    /**
     * A reader who once had their data erased and now signs up again has given fresh consent: the
     * suppression their erasure left is lifted. When the reader also proved the address is theirs and
     * works (they followed a link mailed to it), a complaint's or a bounce's suppression is lifted too; not
     * by a single opt-in signup anyone could make for any address. An admin's suppression stays.
     */
    /** Whether no digest reaches the reader because their address bounced or they complained. */
    static boolean suppressedByDelivery(Subscriber subscriber) {
        return !Panache.getEntityManager()
                .createNativeQuery("select 1 from suppressions where email_hash = email_hash(?1) and reason in ('bounce', 'complaint')")
                .setParameter(1, subscriber.email).getResultList().isEmpty();
    }

    static void liftSuppressionOnFreshConsent(Subscriber subscriber, boolean addressProven) {
        Panache.getEntityManager()
                .createNativeQuery("delete from suppressions where email_hash = email_hash(?1) and (reason = 'erased'"
                        + (addressProven ? " or reason in ('complaint', 'bounce'))" : ")"))
                .setParameter(1, subscriber.email).executeUpdate();
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Array longs(Connection c, List<Long> values) throws SQLException {
        return c.createArrayOf("bigint", values.toArray());
    }

    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /** Runs on the connection of the current transaction, the one Hibernate uses. */
    private static <T> T work(Work<T> work) {
        return Panache.getEntityManager().unwrap(Session.class).doReturningWork(work::run);
    }
}
