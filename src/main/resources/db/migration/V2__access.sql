-- Access: per-member overrides, conversation scopes and inbox membership (the access module), and removable
-- memberships (identity). A removed member's row stays, marked, because their messages still name them as author.

alter table member add column removed_at timestamp with time zone;

-- The conversation scope of a member; no row means INBOXES.
create table member_scope (
    member_id           uuid primary key references member (id),
    workspace_id        uuid not null references workspace (id),
    conversation_scope  varchar(16) not null
);
create index member_scope_workspace on member_scope (workspace_id);

-- Single permissions granted or revoked on top of a member's role.
create table member_permission_override (
    member_id     uuid not null references member (id),
    workspace_id  uuid not null references workspace (id),
    permission    varchar(40) not null,
    granted       boolean not null,
    primary key (member_id, permission)
);
create index member_permission_override_workspace on member_permission_override (workspace_id);

-- The inboxes a member belongs to.
create table inbox_member (
    inbox_id      uuid not null references inbox (id),
    member_id     uuid not null references member (id),
    workspace_id  uuid not null references workspace (id),
    primary key (inbox_id, member_id)
);
create index inbox_member_member on inbox_member (member_id);
create index inbox_member_workspace on inbox_member (workspace_id);
