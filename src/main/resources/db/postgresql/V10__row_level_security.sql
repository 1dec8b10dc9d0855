-- Row-level security: the second wall between workspaces (PostgreSQL only; see docs/adr/row-level-security.md).
-- The application puts the scope of each statement into two session settings: confidant.workspace_id (the workspace
-- the request, frame or job acts in) and confidant.system ('on' only on the named cross-workspace paths). A tenant
-- table shows and accepts only rows of that workspace, or any row in the system scope; with neither set, no row.
-- FORCE: the application connects as the owner of its tables, whom RLS would otherwise let through.

create or replace function confidant_enforce_tenancy() returns void
language plpgsql as $$
declare
    tenant_table record;
    allowed constant text := '%I = nullif(current_setting(''confidant.workspace_id'', true), '''')::uuid'
        || ' or current_setting(''confidant.system'', true) = ''on''';
begin
    -- every table with a workspace_id column, today's and those later migrations add (afterMigrate calls this again),
    -- and the workspace table itself, keyed by its id
    for tenant_table in
        select c.table_name::text as table_name, 'workspace_id'::text as tenant_column
          from information_schema.columns c
          join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
         where c.table_schema = current_schema() and c.column_name = 'workspace_id' and t.table_type = 'BASE TABLE'
        union all
        select 'workspace'::text, 'id'::text
    loop
        execute format('alter table %I enable row level security', tenant_table.table_name);
        execute format('alter table %I force row level security', tenant_table.table_name);
        if not exists (select 1 from pg_policies
                        where schemaname = current_schema() and tablename = tenant_table.table_name
                          and policyname = 'tenant_isolation') then
            execute format('create policy tenant_isolation on %I using (' || allowed || ') with check (' || allowed || ')',
                    tenant_table.table_name, tenant_table.tenant_column, tenant_table.tenant_column);
        end if;
    end loop;
end
$$;

select confidant_enforce_tenancy();
