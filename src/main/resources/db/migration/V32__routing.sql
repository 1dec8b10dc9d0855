-- The agent's day, routing module: each member's status and each inbox's round-robin. Written for both H2
-- (MODE=PostgreSQL) and PostgreSQL 15+. Nothing personal: a status, a time and two settings, so nothing is encrypted.

-- One row per member who chose a status or was handed a conversation by routing (no row: online, never routed).
-- last_routed_at orders the candidates of round-robin: the one routed to least recently goes first.
create table member_status (
    member_id       uuid primary key references member (id),
    workspace_id    uuid not null references workspace (id),
    status          varchar(16) not null,
    changed_at      timestamp with time zone not null,
    last_routed_at  timestamp with time zone
);
create index member_status_workspace on member_status (workspace_id);

-- One row per inbox whose routing was ever set (no row: round-robin off). Routing locks this row while it picks an
-- agent, so two conversations arriving at once are handed out one after the other.
create table inbox_routing (
    inbox_id     uuid primary key references inbox (id),
    workspace_id uuid not null references workspace (id),
    round_robin  boolean not null,
    open_limit   integer not null,
    updated_at   timestamp with time zone not null,
    constraint inbox_routing_limit check (open_limit between 1 and 100)
);
create index inbox_routing_workspace on inbox_routing (workspace_id);
