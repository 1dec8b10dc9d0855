-- Password reset links (the identity module): single-use, short-lived, for an account (accounts span workspaces, so
-- the table has no workspace_id). Only the SHA-256 of the link's token is stored; used_at makes it single-use.

create table password_reset (
    id            uuid primary key,
    account_id    uuid not null references account (id),
    token_hash    varchar(64) not null unique,
    created_at    timestamp with time zone not null,
    expires_at    timestamp with time zone not null,
    used_at       timestamp with time zone
);
create index password_reset_account on password_reset (account_id);
