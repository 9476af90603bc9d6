-- Erasing a reader keeps the history as counts: consent events lose the reader (and their IP address and
-- user agent) instead of disappearing, so daily signup and unsubscribe figures stay true.
alter table consent_events alter column subscriber_id drop not null;
alter table consent_events drop constraint consent_events_subscriber_id_fkey;
alter table consent_events add constraint consent_events_subscriber_id_fkey
    foreign key (subscriber_id) references subscribers (id) on delete set null;
