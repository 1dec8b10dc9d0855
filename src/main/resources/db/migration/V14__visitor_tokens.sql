-- Visitor tokens are signed and short-lived (widget module, docs/protocol.md): a token carries its session id,
-- workspace, inbox, contact and times, signed with the workspace's key. The database keeps one row per visitor
-- session, by that id, so that a session can be revoked (its row deleted) before its tokens expire. The random tokens
-- of V1 are not carried over: their visitors start anew (a verified visitor gets their contact back with their
-- identity token).
drop table visitor_session;

create table visitor_session (
    id             uuid primary key,
    workspace_id   uuid not null references workspace (id),
    inbox_id       uuid not null references inbox (id),
    contact_id     uuid not null references contact (id),
    -- blind index (HMAC-SHA256 under the workspace's index key) of the address the visitor last came from; never
    -- the address itself
    address_index  bytea,
    created_at     timestamp with time zone not null,
    last_seen_at   timestamp with time zone not null,
    -- when the latest token of the session expires; past it the row is useless and is purged
    expires_at     timestamp with time zone not null
);
create index visitor_session_contact on visitor_session (workspace_id, contact_id);
create index visitor_session_expiry on visitor_session (expires_at);

-- A blocked contact: its sessions are revoked and it is refused until unblocked.
alter table contact add column blocked_at timestamp with time zone;

-- While a contact is blocked, new anonymous visitors of its inbox from the address it last came from are refused.
-- The address is kept only as the blind index above.
create table visitor_address_block (
    contact_id     uuid primary key references contact (id),
    workspace_id   uuid not null references workspace (id),
    inbox_id       uuid not null references inbox (id),
    address_index  bytea not null,
    blocked_at     timestamp with time zone not null
);
create index visitor_address_block_lookup on visitor_address_block (workspace_id, inbox_id, address_index);
