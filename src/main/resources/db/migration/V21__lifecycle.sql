-- The data lifecycle (lifecycle module, docs/adr/erasure-ledger-and-receipts.md): retention policies, legal holds,
-- purge runs, erasure receipts, exports, and cancelled workspaces. Owners delete their own rows (conversation,
-- attachment, contact, widget); these tables hold ids, counts and settings only, never personal data in clear.
-- Written for both H2 (MODE=PostgreSQL) and PostgreSQL 15+.

-- A cancelled workspace: inaccessible at once, undoable until shred_after, then its keys are shredded and its rows
-- deleted. shred_warned_at: when its owners were told it goes in three days.
alter table workspace add column cancelled_at timestamp with time zone;
alter table workspace add column cancelled_by uuid;
alter table workspace add column shred_after timestamp with time zone;
alter table workspace add column shred_warned_at timestamp with time zone;

-- When a conversation was last resolved (retention counts from it); null while open.
alter table conversation add column resolved_at timestamp with time zone;
update conversation set resolved_at = coalesce(last_message_at, created_at) where status = 'RESOLVED';
create index conversation_retention on conversation (workspace_id, inbox_id, status, resolved_at);
create index conversation_activity on conversation (workspace_id, inbox_id, last_message_at);
create index attachment_created on attachment (workspace_id, created_at);
create index message_conversation on message (workspace_id, conversation_id);
create index attachment_conversation on attachment (workspace_id, conversation_id);
create index contact_created on contact (workspace_id, created_at);

-- The audit log's own retention per workspace (null: confidant.audit.retention), never under a year; and the signed
-- checkpoint retention leaves when it cuts the chain: a JWS (deployment signing key) over the anchor.
alter table audit_chain add column retention_days integer;
alter table audit_chain add column anchor_signature varchar(1000);

-- Retention: one row per workspace (inbox_id null) and per inbox that overrides it. A null window keeps for ever.
-- Windows are in days, 1 to 36,500.
create table retention_policy (
    id                     uuid primary key,
    workspace_id           uuid not null references workspace (id),
    inbox_id               uuid references inbox (id),
    resolved_days          integer,
    inactive_days          integer,
    attachment_days        integer,
    orphan_contact_days    integer,
    updated_at             timestamp with time zone not null,
    updated_by             uuid,
    constraint retention_policy_scope unique (workspace_id, inbox_id)
);

-- A legal hold on a conversation or a contact: nothing under hold is purged or erased.
create table legal_hold (
    id            uuid primary key,
    workspace_id  uuid not null references workspace (id),
    target_kind   varchar(16) not null,
    target_id     uuid not null,
    placed_by     uuid not null,
    placed_at     timestamp with time zone not null,
    constraint legal_hold_kind check (target_kind in ('conversation', 'contact')),
    constraint legal_hold_target unique (workspace_id, target_kind, target_id)
);

-- One run of the purge in a workspace: what it deleted (counts only).
create table purge_run (
    id                 uuid primary key,
    workspace_id       uuid not null references workspace (id),
    started_at         timestamp with time zone not null,
    finished_at        timestamp with time zone not null,
    conversations      bigint not null,
    messages           bigint not null,
    attachments        bigint not null,
    contacts           bigint not null
);
create index purge_run_workspace on purge_run (workspace_id, started_at);

-- A signed erasure receipt (a JWS over ids and counts; no personal data).
create table erasure_receipt (
    id            uuid primary key,
    workspace_id  uuid not null references workspace (id),
    job_id        uuid not null,
    requested_by  uuid,
    created_at    timestamp with time zone not null,
    receipt       varchar(20000) not null
);
create unique index erasure_receipt_job on erasure_receipt (workspace_id, job_id);

-- An export (a contact's, or the whole workspace's): encrypted parts under the data folder (exports/), made by its job
-- step by step and streamed as one ZIP to its requester, through a signed link that lasts minutes, until expires_at
-- (24 hours after it was made); then the parts and the row are deleted.
create table data_export (
    id            uuid primary key,
    workspace_id  uuid not null references workspace (id),
    job_id        uuid not null,
    kind          varchar(16) not null,
    contact_id    uuid,
    requested_by  uuid not null,
    created_at    timestamp with time zone not null,
    expires_at    timestamp with time zone not null,
    constraint data_export_kind check (kind in ('contact', 'workspace'))
);
create unique index data_export_job on data_export (workspace_id, job_id);
create index data_export_expiry on data_export (expires_at);

-- Receipts of shredded workspaces: the workspace's rows are gone, so they stay here, for the operator (no
-- workspace_id column: a shredded workspace has no rows left to protect).
create table shredding_receipt (
    id                     uuid primary key,
    shredded_workspace     uuid not null,
    created_at             timestamp with time zone not null,
    receipt                varchar(20000) not null
);
