import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * What row-level security costs one short read transaction on PostgreSQL, measured in isolation: the same indexed
 * read of 20 rows of one workspace (out of 100 workspaces x 2,000 rows), in its own transaction, on a table without
 * RLS, and on the same table with Confidant's policy, enabled and forced, plus what the application's data source adds
 * (set the scope before the first statement, reset it before the connection goes back to the pool).
 *
 *   java -cp ~/.m2/repository/org/postgresql/postgresql/42.7.14/postgresql-42.7.14.jar \
 *       bench/rls-overhead/RlsOverhead.java jdbc:postgresql://127.0.0.1:55432/db user password
 *
 * It creates and drops its own table (rls_overhead_probe); the user must be allowed to create tables.
 */
public class RlsOverhead {

    static final int WORKSPACES = 100;
    static final int ROWS_PER_WORKSPACE = 2_000;
    static final int ITERATIONS = 20_000;
    static final String APPLY = "select set_config('confidant.workspace_id', ?, false), set_config('confidant.system', ?, false)";
    static final String POLICY = "workspace_id = nullif(current_setting('confidant.workspace_id', true), '')::uuid"
            + " or current_setting('confidant.system', true) = 'on'";

    public static void main(String[] args) throws Exception {
        try (Connection c = DriverManager.getConnection(args[0], args[1], args[2])) {
            List<UUID> workspaces = setUp(c);
            for (int round = 1; round <= 3; round++) {
                off(c);
                double plain = run(c, workspaces, false);
                on(c);
                double scoped = run(c, workspaces, true);
                System.out.printf("round %d: without RLS %.1f us/tx, with RLS + scope set/reset %.1f us/tx (+%.1f us, +%.0f%%)%n",
                        round, plain, scoped, scoped - plain, 100 * (scoped - plain) / plain);
            }
            try (Statement s = c.createStatement()) {
                s.execute("drop table rls_overhead_probe");
            }
        }
    }

    static List<UUID> setUp(Connection c) throws SQLException {
        List<UUID> workspaces = new ArrayList<>();
        try (Statement s = c.createStatement()) {
            s.execute("drop table if exists rls_overhead_probe");
            s.execute("create table rls_overhead_probe (id uuid primary key, workspace_id uuid not null, seq bigint not null,"
                    + " body bytea not null)");
            s.execute("create index rls_overhead_probe_ws on rls_overhead_probe (workspace_id, seq)");
            s.execute("create policy tenant_isolation on rls_overhead_probe using (" + POLICY + ") with check (" + POLICY + ")");
        }
        try (PreparedStatement insert = c.prepareStatement("insert into rls_overhead_probe select gen_random_uuid(), ?,"
                + " g, decode(repeat('ab', 100), 'hex') from generate_series(1, ?) g")) {
            for (int i = 0; i < WORKSPACES; i++) {
                UUID w = UUID.randomUUID();
                workspaces.add(w);
                insert.setObject(1, w);
                insert.setInt(2, ROWS_PER_WORKSPACE);
                insert.executeUpdate();
            }
        }
        try (Statement s = c.createStatement()) {
            s.execute("analyze rls_overhead_probe");
        }
        return workspaces;
    }

    static void off(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("alter table rls_overhead_probe no force row level security");
            s.execute("alter table rls_overhead_probe disable row level security");
        }
    }

    static void on(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("alter table rls_overhead_probe enable row level security");
            s.execute("alter table rls_overhead_probe force row level security");
        }
    }

    /** Microseconds per transaction, after a warm-up of a tenth of the iterations. */
    static double run(Connection c, List<UUID> workspaces, boolean scoped) throws SQLException {
        long start = 0;
        for (int i = -ITERATIONS / 10; i < ITERATIONS; i++) {
            if (i == 0) {
                start = System.nanoTime();
            }
            UUID w = workspaces.get(Math.floorMod(i, workspaces.size()));
            if (scoped) {
                apply(c, w.toString(), "");
            }
            c.setAutoCommit(false);
            try (PreparedStatement read = c.prepareStatement(
                    "select id, seq, body from rls_overhead_probe where workspace_id = ? and seq > ? order by seq limit 20")) {
                read.setObject(1, w);
                read.setLong(2, ROWS_PER_WORKSPACE - 100);
                int n = 0;
                try (ResultSet rs = read.executeQuery()) {
                    while (rs.next()) {
                        n++;
                    }
                }
                if (n != 20) {
                    throw new IllegalStateException("expected 20 rows, read " + n);
                }
            }
            c.commit();
            c.setAutoCommit(true);
            if (scoped) {
                apply(c, "", "");
            }
        }
        return (System.nanoTime() - start) / 1_000.0 / ITERATIONS;
    }

    static void apply(Connection c, String workspace, String system) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(APPLY)) {
            s.setString(1, workspace);
            s.setString(2, system);
            s.executeQuery().close();
        }
    }
}
