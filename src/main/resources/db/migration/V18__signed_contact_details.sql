-- Which details of a verified contact its site signed (the contact module): the name and email of the newest identity
-- token that carried them. A signed detail is not changed by agents; anything else on the contact is shown as
-- unverified. Contacts verified before this migration get their marks at their next verified visit.

alter table contact_identity add column name_signed boolean not null default false;
alter table contact_identity add column email_signed boolean not null default false;
