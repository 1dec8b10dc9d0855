package org.confidant.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.confidant.DashboardSession;
import org.confidant.Fixtures;
import org.confidant.IntegrationTest;
import org.confidant.TestDatabase;
import org.confidant.access.AccessManagement;
import org.confidant.access.Permission;
import org.confidant.api.ApiTestClient;
import org.confidant.identity.Member;
import org.confidant.identity.Role;
import org.confidant.shared.NotFound;
import org.confidant.shared.WorkspaceId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The jobs facility in one application: a job runs to its end with its progress seen on
 * the way, a failing step fails it with a reason meant for people (and rolls its own work
 * back), an exception never shows its message, cancelling stops it after the step in
 * flight, a finished job scheduled again does not run again, and nobody but its requester
 * and the members holding its kind's permission can see, poll or cancel it, over the
 * pages and the API.
 */
@IntegrationTest
class JobsIntegrationTests {

    @Autowired
    Fixtures fixtures;

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    JobManagement jobs;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aJobRunsToItsEndWithItsProgressSeenOnTheWayAndItsResultOnlyOnceItSucceeded() {
        Member owner = fixtures.workspaceWithOwner();
        JobId id = JobTestSamples.export(context, owner, 8, Duration.ofMillis(150));

        List<Job> seen = JobTestSamples.untilFinished(context, owner, id, TIMEOUT);
        Job last = seen.getLast();
        assertThat(last.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(last.done()).isEqualTo(8);
        assertThat(last.total()).isEqualTo(8);
        assertThat(last.percent()).isEqualTo(100);
        assertThat(last.resultReference()).contains("test-export:" + id);
        assertThat(last.startedAt()).isNotNull();
        assertThat(last.finishedAt()).isAfterOrEqualTo(last.startedAt());
        assertThat(last.requester()).isEqualTo(owner.id());
        assertThat(seen).as("progress between 0 and the total, seen while it ran").anySatisfy(job -> {
            assertThat(job.state()).isEqualTo(JobState.RUNNING);
            assertThat(job.done()).isBetween(1L, 7L);
            assertThat(job.total()).isEqualTo(8);
        });
        assertThat(seen).as("progress never goes back").isSortedAccordingTo((a, b) -> Long.compare(a.done(), b.done()));
        assertThat(seen).filteredOn(job -> !job.finished())
            .allSatisfy(job -> assertThat(job.resultReference()).as("no result before the end").isEmpty());
        assertThat(TestDatabase.allRows(() -> ExportTestJob.effects(jdbc, id))).as("each item committed once")
            .containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
        assertThat(ExportTestJob.exported(ExportTestJob.defaultFolder(), id))
            .isEqualTo(ExportTestJob.expectedExport(8));
        assertThat(auditedActions(owner.workspaceId(), id)).containsExactly("job.submitted", "job.succeeded");
    }

    @Test
    void aFailingStepFailsTheJobWithItsReasonAndItsOwnWorkRolledBack() {
        Member owner = fixtures.workspaceWithOwner();
        JobId id = jobs.submit(fixtures.grants(owner), ExportTestJob.KIND,
                ExportTestJob.failingAt(6, Duration.ofMillis(20), 3));

        Job failed = JobTestSamples.untilFinished(context, owner, id, TIMEOUT).getLast();
        assertThat(failed.state()).isEqualTo(JobState.FAILED);
        assertThat(failed.error()).isEqualTo("Item 3 could not be exported (on purpose).");
        assertThat(failed.done()).as("what the committed steps did").isEqualTo(2);
        assertThat(failed.resultReference()).isEmpty();
        assertThat(TestDatabase.allRows(() -> ExportTestJob.effects(jdbc, id))).containsExactly(1, 2);
        assertThat(ExportTestJob.exported(ExportTestJob.defaultFolder(), id)).isNull();
        assertThat(auditedActions(owner.workspaceId(), id)).containsExactly("job.submitted", "job.failed");
    }

    @Test
    void aStepThatBreaksFailsTheJobWithoutSayingWhatTheExceptionSaid() {
        Member owner = fixtures.workspaceWithOwner();
        JobId id = jobs.submit(fixtures.grants(owner), ExportTestJob.KIND,
                ExportTestJob.breakingAt(4, Duration.ofMillis(10), 2));

        Job failed = JobTestSamples.untilFinished(context, owner, id, TIMEOUT).getLast();
        assertThat(failed.state()).isEqualTo(JobState.FAILED);
        assertThat(failed.error()).isEqualTo("The job stopped on an internal error (IllegalStateException).")
            .doesNotContain("hunter2");
        DashboardSession browser = DashboardSession.signIn(port, owner.email(), Fixtures.PASSWORD);
        assertThat(browser.get("/app/jobs/" + id).body()).contains("internal error").doesNotContain("hunter2");
        assertThat(new ApiTestClient(port, fixtures.apiTokenWithAllOf(owner).text()).get("/api/v1/jobs/" + id).body())
            .contains("\"state\":\"failed\"")
            .doesNotContain("hunter2");
        assertThat(TestDatabase.allRows(() -> jdbc
            .sql("select count(*) from audit_entry where workspace_id = ? and "
                    + "(details like '%hunter2%' or target like '%hunter2%')")
            .param(owner.workspaceId().value())
            .query(Long.class)
            .single())).isZero();
    }

    @Test
    void cancellingStopsTheJobAfterTheStepInFlightAndItNeverRunsAgain() throws InterruptedException {
        Member owner = fixtures.workspaceWithOwner();
        JobId id = JobTestSamples.export(context, owner, 60, Duration.ofMillis(100));
        JobTestSamples.watch(context, owner, id, job -> job.done() >= 2, TIMEOUT);

        DashboardSession browser = DashboardSession.signIn(port, owner.email(), Fixtures.PASSWORD);
        assertThat(browser.get("/app/jobs/" + id).body()).contains("id=\"cancel-job\"");
        HttpResponse<String> cancelled = browser.post("/app/jobs/" + id + "/cancel", Map.of());
        assertThat(cancelled.statusCode()).isEqualTo(302);
        assertThat(cancelled.headers().firstValue("Location").orElseThrow()).endsWith("/app/jobs/" + id);

        Job job = JobTestSamples.job(context, owner, id);
        assertThat(job.state()).isEqualTo(JobState.CANCELLED);
        assertThat(job.finishedAt()).isNotNull();
        long doneWhenCancelled = job.done();
        Thread.sleep(700); // several steps' worth
        Job later = JobTestSamples.job(context, owner, id);
        assertThat(later.state()).isEqualTo(JobState.CANCELLED);
        assertThat(later.done()).isEqualTo(doneWhenCancelled);
        assertThat(TestDatabase.allRows(() -> ExportTestJob.effects(jdbc, id))).as("the step in flight rolled back")
            .hasSize((int) doneWhenCancelled);
        assertThat(ExportTestJob.exported(ExportTestJob.defaultFolder(), id)).isNull();

        // cancelling again changes nothing and is not recorded twice
        jobs.cancel(fixtures.grants(owner), id);
        assertThat(auditedActions(owner.workspaceId(), id)).containsExactly("job.submitted", "job.cancelled");
        assertThat(browser.get("/app/jobs/" + id).body()).contains("Cancelled").doesNotContain("id=\"cancel-job\"");
    }

    @Test
    void aFinishedJobScheduledAgainIsNotRunAgain() throws InterruptedException {
        Member owner = fixtures.workspaceWithOwner();
        JobId id = JobTestSamples.export(context, owner, 3, Duration.ofMillis(10));
        Job finished = JobTestSamples.untilFinished(context, owner, id, TIMEOUT).getLast();
        assertThat(finished.state()).isEqualTo(JobState.SUCCEEDED);

        // the job records its end inside its execution; the scheduler removes the
        // execution just after
        String instance = owner.workspaceId() + ":" + id;
        untilNoExecution(instance, "the finished execution is removed");

        // its execution is made due again, as a revived or replayed execution would be
        TestDatabase.allRows(() -> jdbc.sql("""
                insert into scheduled_tasks (task_name, task_instance, execution_time, picked, version)
                values ('confidant.job', ?, ?, false, 1)""").params(instance, OffsetDateTime.now()).update());
        untilNoExecution(instance, "the execution is picked and dropped");
        assertThat(TestDatabase.allRows(() -> ExportTestJob.effects(jdbc, id))).containsExactly(1, 2, 3);
        Job after = JobTestSamples.job(context, owner, id);
        assertThat(after).isEqualTo(finished);
    }

    @Test
    void aJobIsSeenOnlyByItsRequesterAndByMembersHoldingItsKindsPermissionOverThePagesAndTheApi() {
        Member owner = fixtures.workspaceWithOwner();
        Member admin = fixtures.agent(owner, "Admin");
        AccessManagement access = context.getBean(AccessManagement.class);
        access.changeRole(fixtures.grants(owner), admin.id(), Role.ADMIN);
        Member agent = fixtures.agent(owner, "Agent");
        Member exporter = fixtures.agent(owner, "Exporter");
        access.setOverride(fixtures.grants(owner), exporter.id(), Permission.WORKSPACE_EXPORT, true);
        for (Member member : List.of(agent, exporter)) { // for API tokens of their own
            access.setOverride(fixtures.grants(owner), member.id(), Permission.API_TOKENS_CREATE, true);
        }
        Member stranger = fixtures.workspaceWithOwner();
        JobId ownersJob = JobTestSamples.export(context, owner, 200, Duration.ofMillis(50));
        JobId agentsJob = JobTestSamples.export(context, agent, 1, Duration.ofMillis(1));
        JobId unknown = JobId.random();

        // who sees what, through the service
        assertThat(jobs.find(fixtures.grants(exporter), ownersJob)).as("holds workspace.export").isPresent();
        assertThat(jobs.find(fixtures.grants(admin), ownersJob)).as("lacks it").isEmpty();
        assertThat(jobs.find(fixtures.grants(agent), ownersJob)).isEmpty();
        assertThat(jobs.find(fixtures.grants(agent), agentsJob)).as("their own").isPresent();
        assertThat(jobs.find(fixtures.grants(owner), agentsJob)).as("the owner has the permission").isPresent();
        assertThat(jobs.find(fixtures.grants(admin), agentsJob)).isEmpty();
        assertThat(jobs.find(fixtures.grants(stranger), ownersJob)).as("another workspace's").isEmpty();
        assertThat(jobs.recent(fixtures.grants(agent))).extracting(Job::id).containsExactly(agentsJob);
        assertThat(jobs.recent(fixtures.grants(exporter))).extracting(Job::id)
            .containsExactlyInAnyOrder(ownersJob, agentsJob);
        assertThat(jobs.recent(fixtures.grants(stranger))).isEmpty();

        // over the pages and the API: the job page, its progress, its cancel, the list
        // and the status call
        for (Member outsider : List.of(admin, agent, stranger)) {
            DashboardSession browser = DashboardSession.signIn(port, outsider.email(), Fixtures.PASSWORD);
            ApiTestClient api = new ApiTestClient(port, fixtures.apiTokenWithAllOf(outsider).text());
            String who = outsider.displayName();
            assertThat(browser.get("/app/jobs/" + ownersJob).statusCode()).as(who).isEqualTo(404);
            assertThat(browser.get("/app/jobs/" + ownersJob + "/progress").statusCode()).as(who).isEqualTo(404);
            assertThat(browser.get("/app/jobs").body()).as(who).doesNotContain(ownersJob.toString());
            assertThat(browser.post("/app/jobs/" + ownersJob + "/cancel", Map.of()).statusCode()).as(who)
                .isEqualTo(404);
            HttpResponse<String> status = api.get("/api/v1/jobs/" + ownersJob);
            assertThat(status.statusCode()).as(who).isEqualTo(404);
            assertThat(status.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
            assertThat(status.body()).contains("\"status\":404").doesNotContain("test.export");
        }
        // unknown and malformed ids answer the same
        DashboardSession ownerBrowser = DashboardSession.signIn(port, owner.email(), Fixtures.PASSWORD);
        ApiTestClient ownerApi = new ApiTestClient(port, fixtures.apiTokenWithAllOf(owner).text());
        ownerBrowser.get("/app/jobs"); // a page, for its CSRF token
        for (String bad : List.of(unknown.toString(), "not-a-job", "1", UUID.randomUUID() + "x")) {
            assertThat(ownerBrowser.get("/app/jobs/" + bad).statusCode()).as(bad).isEqualTo(404);
            assertThat(ownerBrowser.get("/app/jobs/" + bad + "/progress").statusCode()).as(bad).isEqualTo(404);
            assertThat(ownerBrowser.post("/app/jobs/" + bad + "/cancel", Map.of()).statusCode()).as(bad).isEqualTo(404);
            assertThat(ownerApi.get("/api/v1/jobs/" + bad).statusCode()).as(bad).isEqualTo(404);
        }
        // nothing was cancelled on the way
        Job still = JobTestSamples.job(context, owner, ownersJob);
        assertThat(still.state()).isIn(JobState.QUEUED, JobState.RUNNING);
        assertThat(auditedActions(owner.workspaceId(), ownersJob)).containsExactly("job.submitted");

        // the exporter and the owner see it, live, with its progress bar; the API says
        // the same
        DashboardSession exporterBrowser = DashboardSession.signIn(port, exporter.email(), Fixtures.PASSWORD);
        HttpResponse<String> page = exporterBrowser.get("/app/jobs/" + ownersJob);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
        assertThat(page.body()).contains("<progress id=\"job-progress\"")
            .contains("hx-trigger=\"every 1s\"")
            .contains("Test export")
            .contains(owner.displayName());
        assertThat(exporterBrowser.get("/app/jobs").body()).contains(ownersJob.toString())
            .contains(agentsJob.toString());
        HttpResponse<String> status = new ApiTestClient(port, fixtures.apiTokenWithAllOf(exporter).text())
            .get("/api/v1/jobs/" + ownersJob);
        assertThat(status.statusCode()).isEqualTo(200);
        assertThat(status.body()).contains("\"kind\":\"test.export\"")
            .contains("\"total\":200")
            .contains("\"result\":null");

        jobs.cancel(fixtures.grants(exporter), ownersJob);
        assertThat(ownerBrowser.get("/app/jobs/" + ownersJob + "/progress").body()).contains("Cancelled")
            .doesNotContain("hx-trigger");
    }

    @Test
    void aJobTheSystemStartedHasNoRequesterAndAnUnknownJobCannotBeCancelled() {
        Member owner = fixtures.workspaceWithOwner();
        JobId systems = jobs.submitForSystem(owner.workspaceId(), ExportTestJob.KIND,
                ExportTestJob.parameters(1, Duration.ofMillis(1)));
        Job done = JobTestSamples.untilFinished(context, owner, systems, TIMEOUT).getLast();
        assertThat(done.requester()).isNull();
        assertThat(DashboardSession.signIn(port, owner.email(), Fixtures.PASSWORD).get("/app/jobs/" + systems).body())
            .contains("the system");
        assertThatThrownBy(() -> jobs.cancel(fixtures.grants(owner), JobId.random())).isInstanceOf(NotFound.class);
    }

    private List<String> auditedActions(WorkspaceId workspace, JobId job) {
        return TestDatabase.allRows(() -> jdbc
            .sql("select action from audit_entry where workspace_id = ? and target = ? " + "order by sequence")
            .params(workspace.value(), "job:" + job)
            .query(String.class)
            .list());
    }

    private void untilNoExecution(String instance, String description) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (TestDatabase.allRows(() -> jdbc.sql("select count(*) from scheduled_tasks where task_instance = ?")
            .param(instance)
            .query(Long.class)
            .single()) > 0) {
            assertThat(System.nanoTime()).as(description).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

}
