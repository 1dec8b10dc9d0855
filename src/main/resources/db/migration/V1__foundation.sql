-- The foundation: workspaces and their members, inboxes, visitors (contacts), conversations and messages.
-- Every tenant table carries workspace_id; every query the application runs filters on it.
-- Columns of type bytea hold AES-256-GCM ciphertexts under the workspace's data key (see the crypto module); the
-- database never holds message text or contact details in clear, nor any key.
-- Written for both H2 (MODE=PostgreSQL) and PostgreSQL 15+.

create table workspace (
    id          uuid primary key,
    name        varchar(120) not null,
    created_at  timestamp with time zone not null
);

create table account (
    id             uuid primary key,
    email          varchar(254) not null,
    display_name   varchar(120) not null,
    password_hash  varchar(255) not null,
    created_at     timestamp with time zone not null,
    constraint account_email_unique unique (email)
);

create table member (
    id            uuid primary key,
    workspace_id  uuid not null references workspace (id),
    account_id    uuid not null references account (id),
    role          varchar(20) not null,
    created_at    timestamp with time zone not null,
    constraint member_account_unique unique (workspace_id, account_id)
);

-- Setup and invitation links. Only a SHA-256 of the token is stored; used_at makes them single-use.
create table one_time_link (
    id            uuid primary key,
    purpose       varchar(20) not null,
    token_hash    varchar(64) not null,
    workspace_id  uuid references workspace (id),
    role          varchar(20),
    created_by    uuid references member (id),
    created_at    timestamp with time zone not null,
    expires_at    timestamp with time zone not null,
    used_at       timestamp with time zone,
    constraint one_time_link_token_unique unique (token_hash)
);

create table inbox (
    id            uuid primary key,
    workspace_id  uuid not null references workspace (id),
    name          varchar(120) not null,
    created_at    timestamp with time zone not null
);
create index inbox_workspace on inbox (workspace_id);

create table contact (
    id            uuid primary key,
    workspace_id  uuid not null references workspace (id),
    inbox_id      uuid not null references inbox (id),
    display_name  bytea not null,
    email         bytea,
    email_index   bytea,
    phone         bytea,
    ip_address    bytea,
    created_at    timestamp with time zone not null
);
create index contact_workspace on contact (workspace_id);
-- blind index: HMAC-SHA256 of the normalised email under the workspace's index key
create index contact_email on contact (workspace_id, email_index);

-- A visitor's widget session. Only a SHA-256 of the visitor token is stored.
create table visitor_session (
    token_hash    varchar(64) primary key,
    workspace_id  uuid not null references workspace (id),
    inbox_id      uuid not null references inbox (id),
    contact_id    uuid not null references contact (id),
    created_at    timestamp with time zone not null,
    last_seen_at  timestamp with time zone not null
);

create table conversation (
    id               uuid primary key,
    workspace_id     uuid not null references workspace (id),
    inbox_id         uuid not null references inbox (id),
    contact_id       uuid not null references contact (id),
    status           varchar(16) not null,
    assignee_id      uuid references member (id),
    last_seq         bigint not null,
    last_message_at  timestamp with time zone,
    created_at       timestamp with time zone not null
);
create index conversation_list on conversation (workspace_id, status, last_message_at);
create index conversation_contact on conversation (workspace_id, contact_id, inbox_id);

-- seq is assigned in the transaction that stores the message: 1, 2, 3 ... per conversation, no gaps.
create table message (
    id                uuid primary key,
    workspace_id      uuid not null references workspace (id),
    conversation_id   uuid not null references conversation (id),
    seq               bigint not null,
    client_msg_id     varchar(64) not null,
    author_kind       varchar(16) not null,
    author_member_id  uuid references member (id),
    body              bytea not null,
    created_at        timestamp with time zone not null,
    constraint message_seq_unique unique (conversation_id, seq),
    constraint message_client_msg_id_unique unique (conversation_id, client_msg_id)
);

-- How far each member has read each conversation (unread markers).
create table conversation_read (
    workspace_id     uuid not null references workspace (id),
    conversation_id  uuid not null references conversation (id),
    member_id        uuid not null references member (id),
    last_read_seq    bigint not null,
    primary key (conversation_id, member_id)
);
