package org.confidant;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import org.confidant.tenancy.Tenancy;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Points every test application at the database the suite runs on, with a fresh data
 * folder (key vault included) per application context under {@code target/test-data}: the
 * system property {@code confidant.test.database} is {@code h2} (the data folder's
 * embedded database) or {@code postgres} (the server named by
 * {@code CONFIDANT_TEST_POSTGRES_URL}, {@code _USER}, {@code _PASSWORD}; see
 * {@code .ci/start-postgres.sh}). An application started with
 * {@code confidant.test.own-embedded-database=true} keeps the embedded database of the
 * {@code confidant.data-dir} it was given (first-start and restart tests need an empty
 * one, on either run).
 */
public class TestDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    public static boolean isPostgres() {
        return "postgres".equals(System.getProperty("confidant.test.database"));
    }

    /**
     * Runs a test's own look at (or tampering with) the stored rows in the system scope:
     * on PostgreSQL, row-level security shows a statement with no workspace none of them.
     */
    public static <T> T allRows(Supplier<T> statement) {
        return Tenancy.system("a test reads or tampers with the stored rows", statement);
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        Map<String, Object> properties = new HashMap<>();
        if ("8080".equals(context.getEnvironment().getProperty("server.port"))) {
            properties.put("server.port", "0"); // any free port, unless the test chose
                                                // one
        }
        boolean ownEmbeddedDatabase = context.getEnvironment()
            .getProperty("confidant.test.own-embedded-database", Boolean.class, false);
        if (!ownEmbeddedDatabase) {
            // a fresh data folder (embedded database and key vault) per application
            // context
            properties.put("confidant.data-dir",
                    Path.of("target", "test-data", UUID.randomUUID().toString()).toAbsolutePath().toString());
        }
        if (!ownEmbeddedDatabase && isPostgres()) {
            properties.put("spring.datasource.url", required("CONFIDANT_TEST_POSTGRES_URL"));
            properties.put("spring.datasource.username", required("CONFIDANT_TEST_POSTGRES_USER"));
            properties.put("spring.datasource.password", required("CONFIDANT_TEST_POSTGRES_PASSWORD"));
            properties.put("spring.datasource.hikari.maximum-pool-size", "8");
        }
        context.getEnvironment()
            .getPropertySources()
            .addFirst(new MapPropertySource("confidant-test-database", properties));
    }

    private static String required(String variable) {
        String value = System.getenv(variable);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(variable + " must be set to run the tests on PostgreSQL");
        }
        return value;
    }

}
