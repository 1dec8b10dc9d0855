package org.confidant.job;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.confidant.TestDatabase;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The database of the nodes a test starts itself (in this JVM or another): the embedded
 * H2 database of their shared data folder, or, on the PostgreSQL run, a schema of its own
 * on the test server (so that no other test application runs their jobs), dropped by
 * {@link #close()}. The test reads it in the system scope.
 */
public final class NodeDatabase implements AutoCloseable {

    private final Path dataDir;

    private final String schema;

    private SingleConnectionDataSource reader;

    private NodeDatabase(Path dataDir, String schema) {
        this.dataDir = dataDir;
        this.schema = schema;
    }

    public static NodeDatabase in(Path dataDir) {
        if (!TestDatabase.isPostgres()) {
            return new NodeDatabase(dataDir, null);
        }
        String schema = "nodes_" + UUID.randomUUID().toString().replace("-", "");
        execute("create schema " + schema);
        return new NodeDatabase(dataDir, schema);
    }

    /** The arguments that put a node on this database and data folder. */
    public List<String> arguments() {
        List<String> arguments = new ArrayList<>(
                List.of("--confidant.test.own-embedded-database=true", "--confidant.data-dir=" + dataDir));
        if (schema != null) {
            arguments.add("--spring.datasource.url=" + url());
            arguments.add("--spring.datasource.username=" + System.getenv("CONFIDANT_TEST_POSTGRES_USER"));
            arguments.add("--spring.datasource.password=" + System.getenv("CONFIDANT_TEST_POSTGRES_PASSWORD"));
        }
        return arguments;
    }

    /**
     * Plain SQL on the nodes' database, seeing every workspace's rows. Open it only while
     * the nodes may share it.
     */
    public JdbcClient jdbc() {
        if (reader == null) {
            reader = schema == null ? new SingleConnectionDataSource(url(), "confidant", "", true)
                    : new SingleConnectionDataSource(url(), System.getenv("CONFIDANT_TEST_POSTGRES_USER"),
                            System.getenv("CONFIDANT_TEST_POSTGRES_PASSWORD"), true);
            if (schema != null) {
                JdbcClient.create(reader)
                    .sql("select set_config('confidant.system', 'on', false)")
                    .query()
                    .listOfRows();
            }
        }
        return JdbcClient.create(reader);
    }

    private String url() {
        return schema == null
                ? "jdbc:h2:file:" + dataDir.resolve("confidant") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                        + "DEFAULT_NULL_ORDERING=HIGH;LOCK_TIMEOUT=10000;WRITE_DELAY=0"
                : System.getenv("CONFIDANT_TEST_POSTGRES_URL") + "?currentSchema=" + schema;
    }

    /**
     * Lets go of the connection {@link #jdbc()} opened (the embedded database takes one
     * process at a time: do so before a node starts).
     */
    public void release() {
        if (reader != null) {
            reader.destroy();
            reader = null;
        }
    }

    @Override
    public void close() {
        release();
        if (schema != null) {
            execute("drop schema " + schema + " cascade");
        }
    }

    private static void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(System.getenv("CONFIDANT_TEST_POSTGRES_URL"),
                System.getenv("CONFIDANT_TEST_POSTGRES_USER"), System.getenv("CONFIDANT_TEST_POSTGRES_PASSWORD"));
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
        catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

}
