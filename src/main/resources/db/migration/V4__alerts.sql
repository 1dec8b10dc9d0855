-- Alerts: rules per workspace, channels that receive alerts, and the durable record of every delivery.
-- Rules are on by default: a row exists only for a rule a workspace switched (on or off).
-- bytea columns are AES-256-GCM ciphertexts under the workspace's data key: channel targets (a webhook or Slack URL,
-- an email address), webhook signing secrets, and each alert's text.

create table alert_rule_setting (
    workspace_id  uuid not null references workspace (id),
    rule          varchar(40) not null,
    enabled       boolean not null,
    primary key (workspace_id, rule)
);

create table alert_channel (
    id            uuid primary key,
    workspace_id  uuid not null references workspace (id),
    kind          varchar(20) not null,
    target        bytea not null,
    secret        bytea,
    created_at    timestamp with time zone not null
);
create index alert_channel_workspace on alert_channel (workspace_id);

create table alert (
    id              uuid primary key,
    workspace_id    uuid not null references workspace (id),
    rule            varchar(40) not null,
    audit_sequence  bigint,
    raised_at       timestamp with time zone not null,
    content         bytea not null
);
create index alert_workspace_rule on alert (workspace_id, rule, raised_at);

create table alert_delivery (
    id               uuid primary key,
    workspace_id     uuid not null references workspace (id),
    alert_id         uuid not null references alert (id),
    channel_id       uuid not null references alert_channel (id),
    status           varchar(12) not null,
    attempts         integer not null,
    next_attempt_at  timestamp with time zone,
    last_error       varchar(200),
    created_at       timestamp with time zone not null,
    delivered_at     timestamp with time zone
);
create index alert_delivery_due on alert_delivery (status, next_attempt_at);
create index alert_delivery_workspace on alert_delivery (workspace_id, created_at);

-- failed sign-ins of the last window, counted for the burst rule
create table alert_sign_in_failure (
    workspace_id  uuid not null references workspace (id),
    failed_at     timestamp with time zone not null
);
create index alert_sign_in_failure_workspace on alert_sign_in_failure (workspace_id, failed_at);
