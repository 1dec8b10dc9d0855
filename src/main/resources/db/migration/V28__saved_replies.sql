-- Saved replies, reply module. Written for both H2 (MODE=PostgreSQL) and PostgreSQL 15+.

-- A saved reply: a short name a member types after "/" in the reply box, and the text it inserts. Workspace-wide when
-- owner_member_id is null (managed by replies.manage), else the member's own. The name is a label of the member's
-- choosing, kept in clear so that it can be unique and looked up; the body is an AES-256-GCM ciphertext bound to its
-- row (saved_reply.body). Names are unique per scope: among the workspace's replies (checked by the service, as a null
-- owner makes no two rows equal), and among each member's own (also by this constraint).
create table saved_reply (
    id               uuid primary key,
    workspace_id     uuid not null references workspace (id),
    owner_member_id  uuid references member (id),
    name             varchar(40) not null,
    body             bytea not null,
    created_at       timestamp with time zone not null,
    updated_at       timestamp with time zone not null,
    constraint saved_reply_name_unique unique (workspace_id, owner_member_id, name)
);
create index saved_reply_scope on saved_reply (workspace_id, name);
