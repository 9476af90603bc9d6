-- A finished digest's ledger counts, written once its ledger can no longer change (a lease after it
-- finished), so that pages listing digests do not count millions of ledger rows on every view.
-- Null until then.
alter table digests
    add column tally_total   bigint,
    add column tally_sent    bigint,
    add column tally_failed  bigint,
    add column tally_open    bigint,
    add column tally_skipped bigint;
