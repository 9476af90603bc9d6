-- An archived list keeps its readers and digests as a record but is offered nowhere and sends nothing new.
alter table mailing_lists add column archived boolean not null default false;
