package org.confidant.audit;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * On PostgreSQL, a second wall around the log: after every migration (Flyway calls this
 * back) a trigger is installed that refuses any {@code UPDATE}, {@code DELETE} or
 * {@code TRUNCATE} of {@code audit_entry}, unless the transaction has set {@value #GATE}
 * to {@code on}, which only the log's retention and the deletion of a workspace do. It
 * stops a bug or an injected statement in the application, not someone who owns the
 * database (they can drop the trigger): the hash chain is what catches them. The
 * migration itself cannot hold the trigger, being written once for H2 and PostgreSQL; H2
 * relies on the architecture test and the chain.
 */
@Component
class AuditTableGuard implements Callback {

    static final String GATE = "confidant.audit_maintenance";

    private static final String FUNCTION = """
            create or replace function audit_entry_append_only() returns trigger language plpgsql as $$
            begin
                if coalesce(current_setting('GATE', true), '') <> 'on' then
                    raise exception 'the audit log is append-only (% on audit_entry refused)', tg_op;
                end if;
                if tg_op = 'DELETE' then
                    return old;
                end if;
                return new;
            end
            $$""".replace("GATE", GATE);

    private static final String ROW_TRIGGER = "create or replace trigger audit_entry_append_only before update or "
            + "delete on audit_entry for each row execute function audit_entry_append_only()";

    private static final String TRUNCATE_TRIGGER = "create or replace trigger audit_entry_no_truncate before truncate "
            + "on audit_entry for each statement execute function audit_entry_append_only()";

    private volatile boolean postgres;

    @Override
    public boolean supports(Event event, Context context) {
        return event == Event.AFTER_MIGRATE;
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return true;
    }

    @Override
    public void handle(Event event, Context context) {
        Connection connection = context.getConnection();
        try {
            postgres = connection.getMetaData().getDatabaseProductName().equals("PostgreSQL");
            if (postgres) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute(FUNCTION);
                    statement.execute(ROW_TRIGGER);
                    statement.execute(TRUNCATE_TRIGGER);
                }
            }
        }
        catch (SQLException e) {
            throw new IllegalStateException("cannot install the audit log's append-only trigger", e);
        }
    }

    @Override
    public String getCallbackName() {
        return "audit-append-only";
    }

    /**
     * Lets the current transaction delete entries (retention, workspace deletion); a
     * no-op on H2.
     */
    void openForThisTransaction(JdbcClient jdbc) {
        if (postgres) {
            jdbc.sql("select set_config('" + GATE + "', 'on', true)").query(String.class).single();
        }
    }

}
