-- Passkeys (WebAuthn credentials) of accounts. Like the TOTP factor they belong to the account, not to a membership:
-- no workspace_id column, so no row-level security policy applies (db/postgresql/afterMigrate.sql covers tenant
-- tables only), and every query names its account.
--
-- passkey_user: the account's WebAuthn user handle (user.id), 32 random bytes made when the account first asks to
-- register a passkey; never the account id or the email, so an authenticator learns nothing it could link elsewhere.
--
-- passkey: one row per credential. Nothing here is secret (the private key never leaves the authenticator): the COSE
-- public key, the signature counter of the last accepted assertion (an assertion must bring a higher one, unless the
-- authenticator keeps none and both are 0), the flags WebAuthn asks the relying party to keep, the attestation format
-- that came with the registration ("none" unless the authenticator insisted), and the label its member chose.
--
-- passkey_challenge: the single-use store of challenges handed out with creation and request options (their options
-- wait in the session); only SHA-256 digests, each consumed by one conditional DELETE, so of concurrent submissions
-- of one signed challenge exactly one goes on to be verified.

create table passkey_user (
    account_id   uuid primary key references account (id),
    user_handle  bytea not null unique,
    created_at   timestamp with time zone not null
);

create table passkey (
    id                  uuid primary key,
    credential_id       bytea not null unique,
    account_id          uuid not null references account (id),
    public_key          bytea not null,
    signature_count     bigint not null,
    transports          varchar(200) not null,
    backup_eligible     boolean not null,
    backup_state        boolean not null,
    uv_initialized      boolean not null,
    attestation_format  varchar(40) not null,
    label               varchar(64) not null,
    created_at          timestamp with time zone not null,
    last_used_at        timestamp with time zone
);
create index passkey_account on passkey (account_id);

create table passkey_challenge (
    challenge_hash  varchar(64) primary key,
    expires_at      timestamp with time zone not null
);
create index passkey_challenge_expiry on passkey_challenge (expires_at);
