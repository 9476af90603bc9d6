-- Personal API tokens for the admin API: only a SHA-256 of the token is kept; revoking deletes the row.
create table api_tokens (
    id           bigint generated always as identity primary key,
    account_id   bigint       not null references admin_accounts (id) on delete cascade,
    name         varchar(100) not null,
    token_hash   char(64)     not null unique,
    created_at   timestamptz  not null default now(),
    last_used_at timestamptz
);
create index api_tokens_account_idx on api_tokens (account_id);
