-- Bounces and complaints the mail provider reports after delivery (its event webhook). A complaint
-- ("this is spam") withdraws consent: the reader is unsubscribed from every list, recorded in the consent
-- log with the source 'complaint'.
alter table consent_events drop constraint consent_events_source_check;
alter table consent_events add constraint consent_events_source_check
    check (source in ('form', 'api', 'import', 'one-click', 'link', 'admin', 'complaint'));

-- where a bounce was learnt: the relay's reply while sending, or the provider's report afterwards
alter table bounces add column late boolean not null default false;
