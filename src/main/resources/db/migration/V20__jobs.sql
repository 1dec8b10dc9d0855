-- The jobs facility (job module, docs/adr/jobs.md).
-- Written for both H2 (MODE=PostgreSQL) and PostgreSQL 15+.

-- A job: long work of one workspace, run step by step. checkpoint is what the job's kind stores after each step so
-- that a resumed job continues where it stopped; result is set only together with state 'succeeded', in one
-- transaction, so a half-made result is never served. attempt grows each time a node takes the job on: a step
-- commits only while the attempt that ran it is still the job's (a node that lost the job changes nothing).
-- restarts counts the runs that were cut short (a node that died or was stopped mid-step without pausing).
create table jobs (
    id            uuid primary key,
    workspace_id  uuid not null references workspace (id),
    kind          varchar(64) not null,
    requester     uuid,
    parameters    varchar(2000) not null,
    state         varchar(12) not null,
    done          bigint not null,
    total         bigint not null,
    checkpoint    varchar(4000),
    result        varchar(500),
    error         varchar(300),
    attempt       integer not null,
    restarts      integer not null,
    created_at    timestamp with time zone not null,
    started_at    timestamp with time zone,
    finished_at   timestamp with time zone,
    constraint jobs_state check (state in ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
    constraint jobs_result_only_when_succeeded check (result is null or state = 'succeeded')
);
create index jobs_workspace_created on jobs (workspace_id, created_at);
create index jobs_finished on jobs (state, finished_at);

-- db-scheduler's own table (its documented PostgreSQL schema, with varchar keys so that H2 can index them): one row
-- per due or running execution, a job's or a recurring task's. It holds no workspace data (a job's execution is named
-- "<workspace id>:<job id>" and carries no data), so it has no workspace_id and no row-level security policy.
create table scheduled_tasks (
    task_name             varchar(100) not null,
    task_instance         varchar(100) not null,
    task_data             bytea,
    execution_time        timestamp with time zone not null,
    picked                boolean not null,
    picked_by             varchar(120),
    last_success          timestamp with time zone,
    last_failure          timestamp with time zone,
    consecutive_failures  integer,
    last_heartbeat        timestamp with time zone,
    version               bigint not null,
    priority              smallint,
    primary key (task_name, task_instance)
);
create index scheduled_tasks_execution_time on scheduled_tasks (execution_time);
create index scheduled_tasks_last_heartbeat on scheduled_tasks (last_heartbeat);
