-- Anonymous click counts: how often each article of a digest was opened from the mail. No reader is
-- recorded, only the digest and the article (every reader's copy carries the same links).
create table digest_clicks (
    digest_id  bigint      not null references digests (id) on delete cascade,
    article_id bigint      not null references articles (id) on delete cascade,
    clicks     bigint      not null default 0,
    last_click timestamptz not null default now(),
    primary key (digest_id, article_id)
);
