-- After every migrate (PostgreSQL only): row-level security on every tenant table, including tables that migrations
-- after V10 added. Idempotent; before V10 has run (a migrate with an older target) there is nothing to call yet.
do $$
begin
    if to_regproc('confidant_enforce_tenancy') is not null then
        perform confidant_enforce_tenancy();
    end if;
end
$$;
