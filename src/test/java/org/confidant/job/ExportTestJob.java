package org.confidant.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;

import org.confidant.access.Permission;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A job kind for tests only: it "exports" items 1 to n, one item per step, the way a real
 * export would. It is a {@code @Component} under {@code src/test}, so every test
 * application has it (and so does the separate JVM the kill test starts, on the test
 * class path). Seen by its requester and by members holding {@code workspace.export}.
 *
 * <p>
 * Each step, for item k: notes that it started (a line in a file, outside any
 * transaction: a step cut short shows there twice), waits, writes {@code part-k}
 * (replacing it: idempotent), and records the item in {@code
 * job_test_effect} (in the step's transaction: committed once, or not at all). The last
 * step joins the parts into {@code <job>.txt} (written aside and moved into place, so the
 * file is whole or absent) and returns it as the result. Parameters:
 * {@code items,millisPerItem[,failAt[,breakAt]]}: at item failAt the step throws a
 * {@link JobFailure}, at breakAt an exception whose message holds a "secret".
 */
@Component
public class ExportTestJob implements JobKind {

    public static final String KIND = "test.export";

    /**
     * What the breaking step's exception says; it must never reach the job's page, API or
     * audit log.
     */
    public static final String SECRET = "password=hunter2-in-a-stack-trace";

    private final JdbcClient jdbc;

    private final JobSettings settings;

    private final Path folder;

    ExportTestJob(JdbcClient jdbc, JobSettings settings,
            @Value("${confidant.test.job-exports:target/job-test-exports}") String folder) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.folder = Path.of(folder).toAbsolutePath();
        jdbc.sql("""
                create table if not exists job_test_effect (
                    job_id uuid not null,
                    item   integer not null,
                    node   varchar(120) not null,
                    pid    bigint not null
                )""").update();
    }

    public static String parameters(int items, Duration perItem) {
        return items + "," + perItem.toMillis();
    }

    public static String failingAt(int items, Duration perItem, int failAt) {
        return parameters(items, perItem) + "," + failAt;
    }

    public static String breakingAt(int items, Duration perItem, int breakAt) {
        return parameters(items, perItem) + ",0," + breakAt;
    }

    @Override
    public String name() {
        return KIND;
    }

    @Override
    public String title() {
        return "Test export";
    }

    @Override
    public Permission permission() {
        return Permission.WORKSPACE_EXPORT;
    }

    @Override
    public StepResult step(JobStep job) {
        String[] parameters = job.parameters().split(",");
        int items = Integer.parseInt(parameters[0]);
        long millis = Long.parseLong(parameters[1]);
        int failAt = parameters.length > 2 ? Integer.parseInt(parameters[2]) : 0;
        int breakAt = parameters.length > 3 ? Integer.parseInt(parameters[3]) : 0;
        int item = job.first() ? 1 : Integer.parseInt(job.checkpoint());
        Path dir = folder.resolve(job.jobId().toString());
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("attempts"), item + " " + ProcessHandle.current().pid() + "\n",
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            Thread.sleep(millis);
            if (item == failAt) {
                throw new JobFailure("Item " + item + " could not be exported (on purpose).");
            }
            if (item == breakAt) {
                throw new IllegalStateException("the database said " + SECRET);
            }
            Files.writeString(dir.resolve("part-" + item), "item " + item + "\n");
            jdbc.sql("insert into job_test_effect (job_id, item, node, pid) values (?, ?, ?, ?)")
                .params(job.jobId().value(), item, settings.nodeName(), ProcessHandle.current().pid())
                .update();
            if (item < items) {
                return StepResult.progress(Integer.toString(item + 1), item, items);
            }
            Path aside = folder.resolve(job.jobId() + ".txt.part");
            Files.deleteIfExists(aside);
            for (int i = 1; i <= items; i++) {
                Files.writeString(aside, Files.readString(dir.resolve("part-" + i)), StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            }
            Files.move(aside, folder.resolve(job.jobId() + ".txt"), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
            return StepResult.finished(items, items, "test-export:" + job.jobId());
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /**
     * The committed items of the job, in the order they were recorded (once each, unless
     * a step ran twice).
     */
    public static List<Integer> effects(JdbcClient jdbc, JobId job) {
        return jdbc.sql("select item from job_test_effect where job_id = ? order by item")
            .param(job.value())
            .query(Integer.class)
            .list();
    }

    /** The nodes that committed the job's items. */
    public static List<String> nodes(JdbcClient jdbc, JobId job) {
        return jdbc.sql("select distinct node from job_test_effect where job_id = ?")
            .param(job.value())
            .query(String.class)
            .list();
    }

    /** The exported file of a finished job, or null while there is none. */
    public static String exported(Path folder, JobId job) {
        Path file = folder.resolve(job + ".txt");
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : null;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The items whose step started, in order, with the process that started each ("3
     * 4711").
     */
    public static List<String> attempts(Path folder, JobId job) {
        Path file = folder.resolve(job.toString()).resolve("attempts");
        try {
            return Files.exists(file) ? Files.readAllLines(file) : List.of();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The folder the tests' exports go to (the default; shared by every test application
     * of the build).
     */
    public static Path defaultFolder() {
        return Path.of("target/job-test-exports").toAbsolutePath();
    }

    /**
     * What a complete export of n items holds: "item 1\n" to "item n\n", each once, in
     * order.
     */
    public static String expectedExport(int items) {
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= items; i++) {
            text.append("item ").append(i).append('\n');
        }
        return text.toString();
    }

}
