-- The agent's day, conversation module: internal notes. Written for both H2 (MODE=PostgreSQL) and PostgreSQL 15+.

-- Internal notes: members only. A table of their own, apart from message: nothing that serves visitors (their socket,
-- the widget, catch-up, transcripts, webhooks) reads it. The body is an AES-256-GCM ciphertext bound to its row
-- (conversation_note.body). A note's author sends it with an id of their own: sending it twice stores it once.
create table conversation_note (
    id                uuid primary key,
    workspace_id      uuid not null references workspace (id),
    conversation_id   uuid not null references conversation (id),
    client_msg_id     varchar(64) not null,
    author_member_id  uuid not null references member (id),
    body              bytea not null,
    created_at        timestamp with time zone not null,
    constraint conversation_note_client_msg_id_unique unique (conversation_id, author_member_id, client_msg_id)
);
create index conversation_note_thread on conversation_note (workspace_id, conversation_id, created_at);
