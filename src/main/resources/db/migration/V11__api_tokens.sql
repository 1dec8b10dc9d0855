-- API tokens (the api module): a member's credentials for the REST API, scoped to some of the member's permissions
-- and to the member's workspace. Only a keyed hash of the token's secret is stored (HMAC-SHA256 under the workspace's
-- blind-index key), so neither a copy of this table nor one of the key vault alone hands out a working token.

create table api_token (
    id            uuid primary key,
    workspace_id  uuid not null references workspace (id),
    member_id     uuid not null references member (id),
    name          varchar(80) not null,
    permissions   varchar(1000) not null,
    secret_hash   bytea not null,
    created_at    timestamp with time zone not null,
    expires_at    timestamp with time zone not null,
    revoked_at    timestamp with time zone,
    last_used_at  timestamp with time zone,
    use_day       date,
    uses_that_day integer not null default 0
);
create index api_token_workspace on api_token (workspace_id, member_id);
