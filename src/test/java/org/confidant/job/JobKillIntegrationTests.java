package org.confidant.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code kill -9} in the middle of a job: a Confidant node in a JVM of its own
 * ({@link JobNode}) runs a test export, the test kills it ({@code destroyForcibly}) while
 * a step is in flight, and starts another node on the same data folder and database. The
 * job must resume from its checkpoint (not start over), finish, and its result must be
 * complete, with each item's committed effect recorded exactly once. The nodes notice a
 * dead node after 4 missed heartbeats of 200 ms.
 */
class JobKillIntegrationTests {

    private static final int ITEMS = 30;

    private static final Duration PER_ITEM = Duration.ofMillis(150);

    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    @TempDir
    Path dataDir;

    private final List<Process> nodes = new ArrayList<>();

    @AfterEach
    void stopNodes() {
        nodes.forEach(Process::destroyForcibly);
    }

    @Test
    void aJobKilledMidwayResumesFromItsCheckpointOnTheNextNodeAndItsResultIsComplete() throws Exception {
        Path exports = dataDir.resolve("exports");
        try (NodeDatabase database = NodeDatabase.in(dataDir)) {
            NodeProcess first = start(database, exports, "first", "submit", Integer.toString(ITEMS),
                    Long.toString(PER_ITEM.toMillis()));
            String[] submitted = first.await("JOB ").split(" ");
            JobId job = JobId.of(submitted[3]);
            String progress = first.awaitMatching(
                    line -> line.startsWith("PROGRESS running ") && Integer.parseInt(line.split(" ")[2]) >= ITEMS / 3);
            first.process.destroyForcibly();
            assertThat(first.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            long killedAt = System.nanoTime();
            int doneWhenKilled = Integer.parseInt(progress.split(" ")[2]);
            assertThat(doneWhenKilled).as("killed mid-way").isLessThan(ITEMS);

            NodeProcess second = start(database, exports, "second", "follow", submitted[1], submitted[2], submitted[3]);
            second.awaitMatching(line -> line.startsWith("PROGRESS running ")
                    && Integer.parseInt(line.split(" ")[2]) > doneWhenKilled);
            long resumedAt = System.nanoTime();
            String finished = second.await("FINISHED ");
            long finishedAt = System.nanoTime();
            assertThat(second.process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(finished).isEqualTo("FINISHED succeeded " + ITEMS + " " + ITEMS + " test-export:" + job);

            JdbcClient db = database.jdbc();
            assertThat(ExportTestJob.effects(db, job)).as("each item committed exactly once, none lost")
                .containsExactlyElementsOf(IntStream.rangeClosed(1, ITEMS).boxed().toList());
            assertThat(ExportTestJob.nodes(db, job)).containsExactlyInAnyOrder("first", "second");
            Map<String, Object> row = db.sql("select state, attempt, restarts, result from jobs where id = ?")
                .param(job.value())
                .query()
                .singleRow();
            assertThat(row).containsEntry("state", "succeeded")
                .containsEntry("attempt", 2)
                .containsEntry("restarts", 1)
                .containsEntry("result", "test-export:" + job);
            assertThat(db.sql("select count(*) from scheduled_tasks where task_name = 'confidant.job'")
                .query(Long.class)
                .single()).as("the execution is done with").isZero();
            assertThat(ExportTestJob.exported(exports, job)).as("the result is complete")
                .isEqualTo(ExportTestJob.expectedExport(ITEMS));

            // resumed, not restarted: the second node started at the first item the first
            // had not committed
            List<String> attempts = ExportTestJob.attempts(exports, job);
            Map<String, List<Integer>> byProcess = attempts.stream()
                .map(line -> line.split(" "))
                .collect(Collectors.groupingBy(parts -> parts[1], LinkedHashMap::new,
                        Collectors.mapping(parts -> Integer.parseInt(parts[0]), Collectors.toList())));
            assertThat(byProcess).hasSize(2);
            List<List<Integer>> runs = List.copyOf(byProcess.values());
            int committedByFirst = (int) db
                .sql("select count(*) from job_test_effect where job_id = ? and node = 'first'")
                .param(job.value())
                .query(Long.class)
                .single()
                .longValue();
            assertThat(runs.get(1).getFirst()).as("where the second node began").isEqualTo(committedByFirst + 1);
            assertThat(runs.get(0).getLast()).as("the step the kill cut short")
                .isIn(committedByFirst, committedByFirst + 1);
            System.out.printf("kill -9 and resume: killed after %d of %d items, resumed on a new node %.1f s later "
                    + "(JVM start, Flyway, dead-node detection), finished %.1f s after that; the step in flight "
                    + "ran again: %s%n", committedByFirst, ITEMS, (resumedAt - killedAt) / 1e9,
                    (finishedAt - resumedAt) / 1e9, runs.get(0).getLast() == committedByFirst + 1);
        }
    }

    private NodeProcess start(NodeDatabase database, Path exports, String name, String... arguments)
            throws IOException {
        List<String> command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                        "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-cp",
                        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                        JobNode.class.getName()));
        command.addAll(List.of(arguments));
        command.addAll(database.arguments());
        command.addAll(List.of("--server.port=0", "--confidant.jobs.node-name=" + name,
                "--confidant.jobs.polling-interval=200ms", "--confidant.jobs.heartbeat-interval=200ms",
                "--confidant.jobs.missed-heartbeats=4", "--confidant.test.job-exports=" + exports,
                "--logging.level.root=WARN", "--logging.level.org.confidant.job=INFO"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        nodes.add(process);
        return new NodeProcess(process, Path.of("target", "job-kill-" + name + ".log"), TIMEOUT);
    }

}
