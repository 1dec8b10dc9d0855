-- Privacy at ingest (the privacy and workspace modules; docs/adr/privacy-lifecycle-egress.md).

-- How much of an IP address the workspace keeps wherever one would be stored or shown: NONE, TRUNCATED (IPv4 /24,
-- IPv6 /48; the default) or FULL. Addresses kept before this migration stay as they were.
alter table workspace add column ip_mode varchar(16) default 'TRUNCATED' not null;

-- How many card numbers, IBANs and custom-rule matches the redactor removed from a message before it was stored
-- (agents see a marker); never what they were.
alter table message add column redactions integer default 0 not null;

-- How a workspace's removed card numbers and IBANs read: LAST_FOUR ([card ending 4242 removed]) or MASKED. No row:
-- LAST_FOUR.
create table redaction_setting (
    workspace_id      uuid primary key references workspace (id),
    card_replacement  varchar(16) not null
);

-- A workspace's own redaction rules: RE2 regular expressions (checked and compiled with RE2/J before they are saved),
-- applied in the order they were added.
create table redaction_rule (
    id            uuid primary key,
    workspace_id  uuid not null references workspace (id),
    name          varchar(40) not null,
    pattern       varchar(1000) not null,
    created_at    timestamp with time zone not null
);
create index redaction_rule_workspace on redaction_rule (workspace_id, created_at);

-- An inbox's widget privacy: consent OFF, EXPLICIT or IMPLIED; the visitor's token kept in the BROWSER (the chat
-- frame's storage) or in MEMORY only; the business's notice, its version (up by one at every change of its text or
-- link) and the address of its privacy policy. No row: OFF, BROWSER, no notice.
create table inbox_privacy (
    inbox_id        uuid primary key references inbox (id),
    workspace_id    uuid not null references workspace (id),
    consent         varchar(16) not null,
    storage         varchar(16) not null,
    notice          varchar(4000) not null,
    notice_version  integer not null,
    policy_url      varchar(500),
    updated_at      timestamp with time zone not null
);
create index inbox_privacy_workspace on inbox_privacy (workspace_id);

-- The consent a visitor gave, kept with their contact: how (EXPLICIT or IMPLIED), to which version of the notice,
-- and when. Deleted when the visitor withdraws it and when the contact is erased.
create table consent_record (
    id              uuid primary key,
    workspace_id    uuid not null references workspace (id),
    contact_id      uuid not null references contact (id),
    inbox_id        uuid not null references inbox (id),
    kind            varchar(16) not null,
    notice_version  integer not null,
    given_at        timestamp with time zone not null
);
create index consent_record_contact on consent_record (workspace_id, contact_id);
