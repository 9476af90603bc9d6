-- Articles (by API or from feeds), digests of them per list, and the per-recipient delivery ledger
-- the sending engine works from. Suppressions keep addresses that must never be mailed again.

-- sha256 of the lower-cased address, hex: how suppressed addresses are kept (also after erasure)
create function email_hash(email text) returns char(64)
    language sql immutable strict parallel safe
    as $$ select encode(sha256(convert_to(lower(email), 'UTF8')), 'hex') $$;

-- kept with the reader so that suppression checks over a whole list are a plain join
alter table subscribers add column email_hash char(64) generated always as (email_hash(email)) stored;

create table feeds (
    id                   bigint generated always as identity primary key,
    url                  varchar(2000) not null unique,
    title                varchar(500),
    poll_minutes         int          not null default 60 check (poll_minutes between 5 and 10080),
    next_poll_at         timestamptz  not null default now(),
    last_polled_at       timestamptz,
    last_success_at      timestamptz,
    last_error           varchar(1000),
    consecutive_failures int          not null default 0,
    created_at           timestamptz  not null default now()
);

create table feed_lists (
    feed_id bigint not null references feeds (id) on delete cascade,
    list_id bigint not null references mailing_lists (id) on delete cascade,
    primary key (feed_id, list_id)
);

create table articles (
    id           bigint generated always as identity primary key,
    url          varchar(2000) not null unique,
    feed_id      bigint        references feeds (id) on delete set null,
    guid         varchar(2000),
    title        varchar(500)  not null,
    -- sanitized HTML (jsoup, basic safelist): safe to put in a template unescaped
    summary      text          not null default '',
    author       varchar(200),
    image_url    varchar(2000),
    published_at timestamptz   not null,
    created_at   timestamptz   not null default now()
);
create unique index articles_feed_guid_key on articles (feed_id, guid) where guid is not null;
create index articles_published_idx on articles (published_at desc, id desc);

create table article_lists (
    list_id    bigint not null references mailing_lists (id) on delete cascade,
    article_id bigint not null references articles (id) on delete cascade,
    primary key (list_id, article_id)
);
create index article_lists_article_idx on article_lists (article_id);

create table digests (
    id          bigint generated always as identity primary key,
    list_id     bigint       not null references mailing_lists (id),
    subject     varchar(300) not null,
    status      varchar(12)  not null default 'draft'
                check (status in ('draft', 'sending', 'paused', 'sent', 'cancelled')),
    scheduled   boolean      not null default false,
    created_at  timestamptz  not null default now(),
    started_at  timestamptz,
    finished_at timestamptz
);
create index digests_list_idx on digests (list_id, created_at desc);
create index digests_active_idx on digests (id) where status = 'sending';

create table digest_articles (
    digest_id  bigint not null references digests (id) on delete cascade,
    article_id bigint not null references articles (id),
    position   int    not null,
    primary key (digest_id, article_id)
);
create index digest_articles_article_idx on digest_articles (article_id);

-- The ledger: one row per recipient of a digest, written in one statement when sending starts.
-- pending -> sending (claimed with a lease) -> sent | failed | pending again (retry);
-- skipped (unsubscribed, suppressed or gone before the turn came), cancelled (the digest was).
-- No foreign keys: checking two of them per row doubled the time to write a million-row ledger.
-- Digests are never deleted; a reader's rows are removed with the reader by the application, and a
-- row whose reader is gone is skipped when its turn comes.
create table deliveries (
    digest_id       bigint      not null,
    subscriber_id   bigint      not null,
    status          varchar(10) not null default 'pending'
                    check (status in ('pending', 'sending', 'sent', 'failed', 'skipped', 'cancelled')),
    attempts        smallint    not null default 0,
    next_attempt_at timestamptz not null default now(),
    lease_until     timestamptz,
    leased_by       varchar(64),
    sent_at         timestamptz,
    last_error      varchar(1000),
    primary key (digest_id, subscriber_id)
);
-- what workers claim from: only unfinished rows, so it shrinks as the digest goes out
create index deliveries_open_idx on deliveries (digest_id, subscriber_id) where status in ('pending', 'sending');
create index deliveries_subscriber_idx on deliveries (subscriber_id);

create table suppressions (
    email_hash char(64)    primary key,
    reason     varchar(16) not null check (reason in ('bounce', 'complaint', 'erased', 'admin')),
    detail     varchar(1000),
    created_at timestamptz not null default now()
);

create table bounces (
    id            bigint generated always as identity primary key,
    subscriber_id bigint      references subscribers (id) on delete set null,
    digest_id     bigint      references digests (id) on delete set null,
    email_hash    char(64)    not null,
    reply_code    int,
    reply         varchar(1000),
    created_at    timestamptz not null default now()
);
create index bounces_digest_idx on bounces (digest_id);

-- A list's digest schedule: a cron expression (minute hour day month weekday) in a time zone.
alter table mailing_lists
    add column digest_cron     varchar(100),
    add column digest_zone     varchar(64),
    add column digest_subject  varchar(300),
    add column digest_last_run timestamptz;

alter table outbound_mails drop constraint outbound_mails_kind_check;
alter table outbound_mails add constraint outbound_mails_kind_check check (kind in ('confirmation', 'welcome', 'test'));
