-- The agent's day, conversation module: labels on conversations. Written for both H2 (MODE=PostgreSQL) and
-- PostgreSQL 15+.

-- A workspace's labels: a name of the workspace's choosing (kept in clear: it names a kind of conversation, not a
-- person) and a colour from a fixed palette (a name, never CSS). Names are unique per workspace whatever their case:
-- name_key is the name in lower case.
create table conversation_label (
    id            uuid primary key,
    workspace_id  uuid not null references workspace (id),
    name          varchar(160) not null,
    name_key      varchar(160) not null,
    colour        varchar(16) not null,
    created_at    timestamp with time zone not null,
    constraint conversation_label_name_unique unique (workspace_id, name_key)
);

-- Which labels a conversation carries. The rows go with their conversation (purge, erasure) and with their label.
create table conversation_labelling (
    workspace_id     uuid not null references workspace (id),
    conversation_id  uuid not null references conversation (id),
    label_id         uuid not null references conversation_label (id),
    labelled_at      timestamp with time zone not null,
    primary key (conversation_id, label_id)
);
create index conversation_labelling_label on conversation_labelling (workspace_id, label_id);
