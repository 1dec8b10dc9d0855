package org.confidant.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;

import org.confidant.ConfidantApplication;
import org.confidant.Fixtures;
import org.confidant.IntegrationTestConfiguration;
import org.confidant.access.AccessManagement;
import org.confidant.access.Grants;
import org.confidant.identity.Member;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Two nodes on one database (the same embedded H2 file, or a PostgreSQL schema of their
 * own): many jobs due at once, which both nodes race to pick, each step recording the
 * node that ran it. Every job runs exactly once, end to end, on one node, and no step
 * twice; both nodes take part. A node that loses its job mid-way (another attempt took it
 * on) changes nothing more, and the job still finishes with every item once.
 */
class JobNodesIntegrationTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    @TempDir
    static Path dataDir;

    private static NodeDatabase database;

    private static ConfigurableApplicationContext nodeA;

    private static ConfigurableApplicationContext nodeB;

    @BeforeAll
    static void twoNodes() {
        database = NodeDatabase.in(dataDir);
        nodeA = node("node-a");
        nodeB = node("node-b");
    }

    @AfterAll
    static void stopNodes() {
        if (nodeB != null) {
            nodeB.close();
        }
        if (nodeA != null) {
            nodeA.close();
        }
        if (database != null) {
            database.close();
        }
    }

    private static ConfigurableApplicationContext node(String name) {
        List<String> arguments = new ArrayList<>(database.arguments());
        arguments.addAll(List.of("--server.port=0", "--confidant.jobs.node-name=" + name, "--confidant.jobs.threads=2",
                "--confidant.jobs.polling-interval=100ms", "--confidant.jobs.heartbeat-interval=200ms",
                "--confidant.jobs.missed-heartbeats=4"));
        return new SpringApplicationBuilder(ConfidantApplication.class, IntegrationTestConfiguration.class)
            .run(arguments.toArray(String[]::new));
    }

    @Test
    void manyJobsOnTwoNodesEachRunExactlyOnceEndToEndAndNoStepTwice() {
        Member owner = nodeA.getBean(Fixtures.class).workspaceWithOwner();
        // all due at once, in one transaction on node A: both nodes find them due and
        // race to pick each one
        List<JobId> submitted = new TransactionTemplate(nodeA.getBean(PlatformTransactionManager.class))
            .execute(status -> IntStream.range(0, 24)
                .mapToObj(i -> nodeA.getBean(JobManagement.class)
                    .submit(grants(nodeA, owner), ExportTestJob.KIND,
                            ExportTestJob.parameters(4, Duration.ofMillis(40))))
                .toList());
        for (JobId job : submitted) {
            assertThat(JobTestSamples.untilFinished(nodeA, owner, job, TIMEOUT).getLast().state())
                .isEqualTo(JobState.SUCCEEDED);
        }

        JdbcClient db = database.jdbc();
        Map<String, Integer> jobsByNode = new TreeMap<>();
        for (JobId job : submitted) {
            assertThat(ExportTestJob.effects(db, job)).as("every step of " + job + " once").containsExactly(1, 2, 3, 4);
            List<String> nodes = ExportTestJob.nodes(db, job);
            assertThat(nodes).as("one node ran " + job + " end to end").hasSize(1);
            jobsByNode.merge(nodes.getFirst(), 1, Integer::sum);
            assertThat(db.sql("select attempt, restarts from jobs where id = ?").param(job.value()).query().singleRow())
                .as("claimed once")
                .containsEntry("attempt", 1)
                .containsEntry("restarts", 0);
        }
        assertThat(jobsByNode).as("both nodes ran jobs").containsOnlyKeys("node-a", "node-b");
        System.out
            .println("two nodes: 24 jobs of 4 steps, jobs run per node " + jobsByNode + ", 0 run twice, 0 steps twice");
    }

    @Test
    void aNodeThatLostItsJobChangesNothingMoreAndTheJobStillFinishesWithEveryItemOnce() {
        Member owner = nodeA.getBean(Fixtures.class).workspaceWithOwner();
        int items = 20;
        JobId job = nodeA.getBean(JobManagement.class)
            .submit(grants(nodeA, owner), ExportTestJob.KIND, ExportTestJob.parameters(items, Duration.ofMillis(100)));
        JobTestSamples.watch(nodeA, owner, job, seen -> seen.done() >= 3, TIMEOUT);

        // as if another node had taken the job on while this one still runs it (a long
        // pause, say)
        JdbcClient db = database.jdbc();
        assertThat(db.sql("update jobs set attempt = attempt + 1 where id = ?").param(job.value()).update()).isOne();

        Job finished = JobTestSamples.untilFinished(nodeA, owner, job, TIMEOUT).getLast();
        assertThat(finished.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(ExportTestJob.effects(db, job)).as("no item twice, none lost")
            .containsExactlyElementsOf(IntStream.rangeClosed(1, items).boxed().toList());
        assertThat(db.sql("select attempt, restarts from jobs where id = ?").param(job.value()).query().singleRow())
            .as("taken on again after the losing node's heartbeats stopped")
            .containsEntry("attempt", 3)
            .containsEntry("restarts", 1);
        assertThat(ExportTestJob.exported(ExportTestJob.defaultFolder(), job))
            .isEqualTo(ExportTestJob.expectedExport(items));
    }

    private static Grants grants(ConfigurableApplicationContext node, Member member) {
        return node.getBean(AccessManagement.class).grants(member.workspaceId(), member.id()).orElseThrow();
    }

}
