-- Dev only: example lists so the signup form shows something.
insert into mailing_lists (slug, name, description, is_public, opt_in) values
    ('morning-briefing', 'Morning Briefing', 'The day''s top stories, every morning at 7.', true, 'double'),
    ('politics', 'Politics Weekly', 'Analysis from our politics desk, every Friday.', true, 'double'),
    ('breaking', 'Breaking News', 'Only when it matters.', true, 'single'),
    ('staff', 'Staff Bulletin', 'Internal.', false, 'double')
on conflict (slug) do nothing;
