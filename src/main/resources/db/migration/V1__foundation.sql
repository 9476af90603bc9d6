-- Foundation: lists, subscribers, per-list subscriptions, the append-only consent log,
-- the transactional mail queue and admin accounts.

create table mailing_lists (
    id          bigint generated always as identity primary key,
    slug        varchar(64)  not null unique check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    name        varchar(200) not null,
    description varchar(2000) not null default '',
    is_public   boolean      not null default true,
    opt_in      varchar(10)  not null default 'double' check (opt_in in ('double', 'single')),
    created_at  timestamptz  not null default now()
);

create table subscribers (
    id         bigint generated always as identity primary key,
    public_id  uuid         not null unique,
    email      varchar(254) not null,
    name       varchar(200),
    status     varchar(16)  not null default 'active' check (status in ('active', 'blocklisted')),
    created_at timestamptz  not null default now()
);
create unique index subscribers_email_lower_key on subscribers (lower(email));
-- newest first in the admin listing
create index subscribers_created_at_idx on subscribers (created_at);

create table subscriptions (
    id                bigint generated always as identity primary key,
    subscriber_id     bigint      not null references subscribers (id) on delete cascade,
    list_id           bigint      not null references mailing_lists (id) on delete cascade,
    status            varchar(16) not null check (status in ('pending', 'confirmed', 'unsubscribed')),
    -- set when the reader cancelled a pending signup from the confirmation mail: no more
    -- confirmation mail for this list to this address
    confirmation_declined boolean not null default false,
    created_at        timestamptz not null default now(),
    updated_at        timestamptz not null default now(),
    confirmed_at      timestamptz,
    unsubscribed_at   timestamptz,
    unique (subscriber_id, list_id)
);
create index subscriptions_list_status_idx on subscriptions (list_id, status);

-- The consent text readers were shown, by version (a hash of the text).
create table consent_texts (
    version    varchar(16)  primary key,
    text       text         not null,
    created_at timestamptz  not null default now()
);

-- Append-only: every signup, confirmation, preference change and unsubscribe.
create table consent_events (
    id                   bigint generated always as identity primary key,
    subscriber_id        bigint      not null references subscribers (id) on delete cascade,
    action               varchar(16) not null check (action in ('signup', 'confirm', 'preferences', 'unsubscribe', 'import', 'cancel')),
    source               varchar(16) not null check (source in ('form', 'api', 'import', 'one-click', 'link', 'admin')),
    list_ids             bigint[]    not null,
    ip_address           varchar(64),
    user_agent           varchar(512),
    consent_text_version varchar(16) references consent_texts (version),
    created_at           timestamptz not null default now()
);
create index consent_events_subscriber_idx on consent_events (subscriber_id, created_at);

-- Transactional mail (confirmation, welcome): written in the transaction that causes it,
-- sent after commit by the mail worker, retried on temporary failures.
create table outbound_mails (
    id             bigint generated always as identity primary key,
    kind           varchar(16)  not null check (kind in ('confirmation', 'welcome')),
    subscriber_id  bigint       references subscribers (id) on delete cascade,
    recipient      varchar(254) not null,
    subject        varchar(300) not null,
    html_body      text         not null,
    text_body      text         not null,
    headers        jsonb        not null default '{}',
    status         varchar(16)  not null default 'queued' check (status in ('queued', 'sending', 'sent', 'failed')),
    attempts       int          not null default 0,
    next_attempt_at timestamptz not null default now(),
    lease_until    timestamptz,
    last_error     varchar(1000),
    created_at     timestamptz  not null default now(),
    sent_at        timestamptz
);
create index outbound_mails_due_idx on outbound_mails (next_attempt_at) where status in ('queued', 'sending');
create index outbound_mails_subscriber_idx on outbound_mails (subscriber_id, kind, created_at);

create table admin_accounts (
    id            bigint generated always as identity primary key,
    username      varchar(64)  not null unique,
    password_hash varchar(100) not null,
    role          varchar(16)  not null default 'admin' check (role in ('admin', 'editor')),
    created_at    timestamptz  not null default now()
);
