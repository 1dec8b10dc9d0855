package org.confidant;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The bytes a byte-level search for plaintexts reads: every file of the embedded
 * database, or a plain-SQL {@code pg_dump} of the PostgreSQL one; and the search.
 */
public final class EncryptionAtRestScans {

    private EncryptionAtRestScans() {
    }

    /**
     * Every file of the embedded database under {@code dataDir} (not the key vault),
     * after a checkpoint has written everything out.
     */
    public static byte[] h2Files(DataSource dataSource, Path dataDir) throws IOException {
        JdbcClient.create(dataSource).sql("checkpoint sync").update();
        var out = new ByteArrayOutputStream();
        try (Stream<Path> files = Files.walk(dataDir)) {
            for (Path file : files.filter(Files::isRegularFile)
                .filter(f -> !f.startsWith(dataDir.resolve("keys")))
                .toList()) {
                out.write(Files.readAllBytes(file));
            }
        }
        return out.toByteArray();
    }

    /** A plain-SQL dump of the PostgreSQL database, made by Debian's pg_dump. */
    public static byte[] pgDump() throws Exception {
        String url = System.getenv("CONFIDANT_TEST_POSTGRES_URL");
        var matcher = Pattern.compile("jdbc:postgresql://([^:/]+):(\\d+)/(\\w+)").matcher(url);
        assertThat(matcher.matches()).as("a jdbc:postgresql://host:port/db URL").isTrue();
        Path dump = Files.createTempFile("confidant-dump", ".sql");
        try {
            // as the application's role, whom row-level security holds to the system
            // scope for a full dump
            ProcessBuilder pgDump = new ProcessBuilder("/usr/lib/postgresql/15/bin/pg_dump", "-h", matcher.group(1),
                    "-p", matcher.group(2), "-U", System.getenv("CONFIDANT_TEST_POSTGRES_USER"), "-f", dump.toString(),
                    "--enable-row-security", matcher.group(3))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
            pgDump.environment().put("PGPASSWORD", System.getenv("CONFIDANT_TEST_POSTGRES_PASSWORD"));
            pgDump.environment().put("PGOPTIONS", "-c confidant.system=on");
            assertThat(pgDump.start().waitFor()).as("pg_dump exit code").isZero();
            return Files.readAllBytes(dump);
        }
        finally {
            Files.deleteIfExists(dump);
        }
    }

    /** Where {@code needle} first occurs in {@code haystack}, or -1. */
    public static int indexOf(byte[] haystack, byte[] needle) {
        outer: for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

}
