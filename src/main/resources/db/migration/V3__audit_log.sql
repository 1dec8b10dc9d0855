-- The audit log (the audit module): one hash chain per workspace. Only the audit module writes these tables; the
-- application only ever inserts entries, except the log's own retention and the deletion of a whole workspace.
-- On PostgreSQL a trigger (installed by the audit module after every migration, see AuditTableGuard) refuses any
-- UPDATE or DELETE of an entry outside those two paths.

-- The head of each workspace's chain, locked (select ... for update) to serialise appends. anchor_* describe the
-- newest entry retention removed (sequence 0 and 32 zero bytes before any purge): verification starts from there.
create table audit_chain (
    workspace_id     uuid primary key references workspace (id),
    last_sequence    bigint not null,
    last_hash        bytea not null,
    anchor_sequence  bigint not null,
    anchor_hash      bytea not null
);

-- One entry. hash = HMAC-SHA256 under the workspace's own key of a canonical encoding of every other column, prev_hash
-- included; details is a JSON object of non-secret strings.
create table audit_entry (
    workspace_id  uuid not null references workspace (id),
    sequence      bigint not null,
    recorded_at   timestamp with time zone not null,
    actor_kind    varchar(16) not null,
    actor_id      varchar(64) not null,
    actor_label   varchar(254) not null,
    action        varchar(64) not null,
    target        varchar(200) not null,
    outcome       varchar(16) not null,
    source_ip     varchar(45) not null,
    user_agent    varchar(200) not null,
    details       varchar(2000) not null,
    prev_hash     bytea not null,
    hash          bytea not null,
    primary key (workspace_id, sequence)
);
-- the audit page pages newest first by sequence (keyset), optionally for one action, actor or target
create index audit_entry_action on audit_entry (workspace_id, action, sequence);
create index audit_entry_actor on audit_entry (workspace_id, actor_id, sequence);
create index audit_entry_actor_label on audit_entry (workspace_id, actor_label, sequence);
create index audit_entry_target on audit_entry (workspace_id, target, sequence);
create index audit_entry_time on audit_entry (workspace_id, recorded_at);
