package org.confidant.tenancy;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Objects;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.DelegatingDataSource;

import com.zaxxer.hikari.HikariDataSource;

/**
 * The PostgreSQL data source as the application sees it: every connection carries the
 * thread's {@link Tenancy} scope into the session settings that the row-level security
 * policies read ({@code confidant.workspace_id}, {@code confidant.system}).
 *
 * <p>
 * Before a statement is prepared, the connection compares the thread's scope with the one
 * it last applied and, if they differ, applies the new one (one round trip; a
 * connection's scope may change inside a transaction, when a service enters the system
 * scope). A rollback forgets what was applied, since PostgreSQL rolls session settings
 * back with the transaction. Before the connection goes back to the pool it is reset to
 * no scope, so the next borrower never inherits a workspace; a connection that cannot be
 * reset is evicted from the pool instead.
 */
final class TenantScopedDataSource extends DelegatingDataSource {

    static final String APPLY = "select set_config('confidant.workspace_id', ?, false), set_config('confidant.system', ?, false)";

    /**
     * The scope a connection fresh from the pool is known to hold: none (it was reset
     * when it was returned).
     */
    private static final Tenancy.Scope NONE = new Tenancy.Scope(null, null);

    TenantScopedDataSource(DataSource pool) {
        super(pool);
    }

    @Override
    public Connection getConnection() throws SQLException {
        return scoped(obtainTargetDataSource().getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return scoped(obtainTargetDataSource().getConnection(username, password));
    }

    private Connection scoped(Connection connection) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                new Class<?>[] { Connection.class }, new ScopedConnection(connection));
    }

    private final class ScopedConnection implements InvocationHandler {

        private final Connection target;

        /**
         * What the session settings hold now; null when unknown (fresh from the pool, or
         * after a rollback).
         */
        private Tenancy.Scope applied;

        private boolean closed;

        ScopedConnection(Connection target) {
            this.target = target;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
                case "equals":
                    return proxy == args[0];
                case "hashCode":
                    return System.identityHashCode(proxy);
                case "toString":
                    return "TenantScopedConnection[" + target + "]";
                case "close":
                    close();
                    return null;
                case "prepareStatement", "prepareCall", "createStatement":
                    applyCurrentScope();
                    break;
                default:
                    break;
            }
            try {
                Object result = method.invoke(target, args);
                if (method.getName().equals("rollback")) {
                    applied = null; // the rollback may have undone the last set_config
                }
                return result;
            }
            catch (InvocationTargetException e) {
                if (method.getName().equals("rollback")) {
                    applied = null;
                }
                throw e.getTargetException();
            }
        }

        private void applyCurrentScope() throws SQLException {
            Tenancy.Scope current = Tenancy.current();
            Tenancy.Scope wanted = current == null ? NONE : current;
            if (!sameSettings(wanted, applied)) {
                apply(wanted);
            }
        }

        private void apply(Tenancy.Scope scope) throws SQLException {
            applied = null;
            try (PreparedStatement statement = target.prepareStatement(APPLY)) {
                statement.setString(1, scope.workspace() == null ? "" : scope.workspace().value().toString());
                statement.setString(2, scope.systemReason() == null ? "" : "on");
                statement.executeQuery().close();
            }
            applied = scope;
        }

        private void close() throws SQLException {
            if (closed) {
                return;
            }
            closed = true;
            if (!sameSettings(applied, NONE)) {
                try {
                    reset();
                }
                catch (SQLException | RuntimeException e) {
                    evict();
                    throw e;
                }
            }
            target.close();
        }

        /**
         * Empties the settings; unfinished work is rolled back first, as the pool would
         * do with it anyway.
         */
        private void reset() throws SQLException {
            boolean inTransaction = !target.getAutoCommit();
            if (inTransaction) {
                target.rollback();
            }
            apply(NONE);
            if (inTransaction) {
                target.commit();
            }
        }

        private void evict() throws SQLException {
            DataSource pool = obtainTargetDataSource();
            if (pool.isWrapperFor(HikariDataSource.class)) {
                pool.unwrap(HikariDataSource.class).evictConnection(target);
            }
            else {
                target.abort(Runnable::run);
                target.close();
            }
        }

    }

    /**
     * Whether two scopes put the same values into the settings (the system scope's reason
     * is not sent).
     */
    private static boolean sameSettings(Tenancy.Scope a, Tenancy.Scope b) {
        if (a == null || b == null) {
            return false;
        }
        return Objects.equals(a.workspace(), b.workspace()) && (a.systemReason() == null) == (b.systemReason() == null);
    }

}
