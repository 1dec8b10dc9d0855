-- Search over encrypted conversations (search module). Written for both H2 (MODE=PostgreSQL) and PostgreSQL 15+.
-- See docs/threat-model.md ("Search index") for what these tables reveal to someone holding the database.

-- What the member's scope needs to know of each indexed conversation, kept by the search module from the
-- conversation module's events, so that a search filters by scope in SQL and never reads another module's table.
create table search_conversation (
    conversation_id   uuid primary key references conversation (id),
    workspace_id      uuid not null references workspace (id),
    inbox_id          uuid not null,
    contact_id        uuid not null,
    assignee_id       uuid,
    last_activity_at  timestamp with time zone not null
);
create index search_conversation_recent on search_conversation (workspace_id, last_activity_at desc, conversation_id desc);
create index search_conversation_contact on search_conversation (workspace_id, contact_id);

-- The blind index: one row per distinct normalised word of a conversation (its messages' redacted text and its
-- contact's name): the first 16 bytes of HMAC-SHA256 under the workspace's index key. No text, no message ids, no
-- counts.
create table search_token (
    workspace_id      uuid not null references workspace (id),
    token             bytea not null,
    conversation_id   uuid not null,
    constraint search_token_pk primary key (workspace_id, token, conversation_id)
);
create index search_token_conversation on search_token (workspace_id, conversation_id);
