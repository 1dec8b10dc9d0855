-- Single sign-on (the sso module): one OpenID Connect provider per workspace, and the external identities that sign
-- in through it. The client secret is encrypted under the workspace's data key (crypto module).

create table sso_provider (
    id             uuid primary key,
    workspace_id   uuid not null references workspace (id),
    issuer         varchar(500) not null,
    client_id      varchar(255) not null,
    client_secret  bytea not null,
    default_role   varchar(20) not null,
    sso_required   boolean not null,
    created_at     timestamp with time zone not null,
    constraint sso_provider_workspace_unique unique (workspace_id)
);

-- An account's identity at an OpenID provider: (issuer, subject) is the key, never the email. Like accounts, identities
-- belong to no workspace (two workspaces may trust the same issuer); they outlive a removed provider configuration.
create table sso_identity (
    id          uuid primary key,
    issuer      varchar(500) not null,
    subject     varchar(255) not null,
    account_id  uuid not null references account (id),
    created_at  timestamp with time zone not null,
    constraint sso_identity_unique unique (issuer, subject)
);
create index sso_identity_account on sso_identity (account_id);
