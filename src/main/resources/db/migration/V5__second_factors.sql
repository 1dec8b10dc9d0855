-- Second factors and workspace security policies.
--
-- An account's TOTP secret is a secret at rest: totp_factor.secret holds an AES-256-GCM ciphertext under the
-- deployment key (accounts span workspaces; see crypto/DeploymentEncryption), bound to its table, column and row.
-- last_step is the last RFC 6238 time step accepted: a code is accepted only for a later step, in one conditional
-- UPDATE, so every code works once. Recovery codes are stored as SHA-256 digests and consumed the same way.

create table totp_factor (
    account_id    uuid primary key references account (id),
    secret        bytea not null,
    last_step     bigint not null,
    created_at    timestamp with time zone not null,
    confirmed_at  timestamp with time zone
);

create table recovery_code (
    account_id  uuid not null references account (id),
    code_hash   varchar(64) not null,
    created_at  timestamp with time zone not null,
    used_at     timestamp with time zone,
    primary key (account_id, code_hash)
);

-- A workspace's security policies; a workspace without a row has the defaults (2FA not required, the configured
-- idle timeout and absolute lifetime).
create table workspace_security (
    workspace_id               uuid primary key references workspace (id),
    two_factor_required        boolean not null,
    idle_timeout_seconds       integer not null,
    absolute_lifetime_seconds  integer not null
);
