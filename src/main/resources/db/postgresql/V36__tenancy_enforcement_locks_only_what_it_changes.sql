-- Row-level security enforcement that locks only what it changes (PostgreSQL only; replaces V10's function).
-- afterMigrate calls confidant_enforce_tenancy() at every start. V10's version altered every tenant table each time,
-- taking an ACCESS EXCLUSIVE lock on all of them in one transaction: a node starting while others serve traffic then
-- blocked every tenant table for a moment and could deadlock with a running transaction that locks two of them in
-- another order. This version alters a table only when its row-level security is not yet enabled and forced, and
-- creates the policy only where it is missing: once every table is covered, a start takes no lock at all.
create or replace function confidant_enforce_tenancy() returns void
language plpgsql as $$
declare
    tenant_table record;
    allowed constant text := '%I = nullif(current_setting(''confidant.workspace_id'', true), '''')::uuid'
        || ' or current_setting(''confidant.system'', true) = ''on''';
begin
    -- every table with a workspace_id column, today's and those later migrations add, and the workspace table itself,
    -- keyed by its id; with what pg_class already says of its row-level security
    for tenant_table in
        select t.table_name, t.tenant_column, c.relrowsecurity, c.relforcerowsecurity
          from (select c.table_name::text as table_name, 'workspace_id'::text as tenant_column
                  from information_schema.columns c
                  join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
                 where c.table_schema = current_schema() and c.column_name = 'workspace_id'
                   and t.table_type = 'BASE TABLE'
                union all
                select 'workspace'::text, 'id'::text) t
          join pg_class c on c.relname = t.table_name and c.relnamespace = current_schema()::regnamespace
    loop
        if not tenant_table.relrowsecurity then
            execute format('alter table %I enable row level security', tenant_table.table_name);
        end if;
        if not tenant_table.relforcerowsecurity then
            execute format('alter table %I force row level security', tenant_table.table_name);
        end if;
        if not exists (select 1 from pg_policies
                        where schemaname = current_schema() and tablename = tenant_table.table_name
                          and policyname = 'tenant_isolation') then
            execute format('create policy tenant_isolation on %I using (' || allowed || ') with check (' || allowed || ')',
                    tenant_table.table_name, tenant_table.tenant_column, tenant_table.tenant_column);
        end if;
    end loop;
end
$$;
