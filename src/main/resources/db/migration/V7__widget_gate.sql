-- The origins allowed to embed each inbox's widget (exact origins, or https://*.domain for its subdomains), in
-- their canonical form. No row for an inbox: it is not live, no page may embed it.
create table inbox_allowed_origin (
    workspace_id uuid         not null,
    inbox_id     uuid         not null references inbox (id),
    origin       varchar(300) not null,
    primary key (inbox_id, origin)
);
create index inbox_allowed_origin_workspace on inbox_allowed_origin (workspace_id);
