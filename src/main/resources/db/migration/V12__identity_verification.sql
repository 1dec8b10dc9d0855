-- Identity verification (inbox and contact modules): the keys with which a business signs the identity tokens of
-- visitors who are signed in on its site, and the contacts such tokens made.

-- An HS256 key holds a secret (AES-256-GCM ciphertext under the workspace key); an RS256/ES256 key holds a public key
-- (SPKI, PEM). A retired key verifies nothing; kid is unique per inbox so that keys can be rotated.
create table inbox_identity_key (
    id            uuid primary key,
    workspace_id  uuid not null references workspace (id),
    inbox_id      uuid not null references inbox (id),
    kid           varchar(64) not null,
    algorithm     varchar(8) not null,
    secret        bytea,
    public_key    varchar(4000),
    created_at    timestamp with time zone not null,
    retired_at    timestamp with time zone,
    constraint inbox_identity_key_kid_unique unique (inbox_id, kid)
);
create index inbox_identity_key_workspace on inbox_identity_key (workspace_id);

-- Whether the widget opens only for visitors with a valid identity token.
alter table inbox add column identity_required boolean not null default false;

-- A contact made by a verified identity: the subject (the business's user id) as a keyed blind index, never in clear.
create table contact_identity (
    contact_id     uuid primary key references contact (id),
    workspace_id   uuid not null references workspace (id),
    inbox_id       uuid not null references inbox (id),
    subject_index  bytea not null,
    verified_at    timestamp with time zone not null,
    constraint contact_identity_subject_unique unique (inbox_id, subject_index)
);
create index contact_identity_workspace on contact_identity (workspace_id);
