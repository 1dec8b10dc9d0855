package org.confidant.job;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.confidant.shared.MemberId;
import org.confidant.shared.Timestamps;
import org.confidant.shared.WorkspaceId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code jobs} table. Every statement names the workspace. The runner's statements
 * are conditional on the attempt that runs the job, so that a node which lost its job
 * (another node took it on, or it was cancelled) changes nothing.
 */
@Repository
class Jobs {

    static final int MAX_PARAMETERS = 2000;
    static final int MAX_ERROR = 300;

    private static final String COLUMNS = "id, workspace_id, kind, requester, state, done, total, created_at, "
            + "started_at, finished_at, error, result";

    private final JdbcClient jdbc;

    Jobs(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** What a node holds while it runs a job: the attempt its steps must still be. */
    record Claim(String kind, int attempt, int restarts) {
    }

    void insert(WorkspaceId workspaceId, JobId id, String kind, MemberId requester, String parameters, Instant now) {
        jdbc.sql("""
                insert into jobs (id, workspace_id, kind, requester, parameters, state, done, total, attempt, restarts,
                                  created_at)
                values (?, ?, ?, ?, ?, 'queued', 0, 0, 0, 0, ?)""")
            .params(id.value(), workspaceId.value(), kind, requester == null ? null : requester.value(), parameters,
                    Timestamps.toDatabase(now))
            .update();
    }

    Optional<Job> find(WorkspaceId workspaceId, JobId id) {
        return jdbc.sql("select " + COLUMNS + " from jobs where workspace_id = ? and id = ?")
            .params(workspaceId.value(), id.value())
            .query(Jobs::job)
            .optional();
    }

    /**
     * The newest jobs that {@code viewer} requested or whose kind is one of
     * {@code kinds}.
     */
    List<Job> recent(WorkspaceId workspaceId, MemberId viewer, Collection<String> kinds, int limit) {
        String ofKinds = kinds.isEmpty() ? "" : " or kind in (:kinds)";
        JdbcClient.StatementSpec statement = jdbc
            .sql("select " + COLUMNS + " from jobs where workspace_id = :workspace" + " and (requester = :viewer"
                    + ofKinds + ") order by created_at desc, id limit :limit")
            .param("workspace", workspaceId.value())
            .param("viewer", viewer.value())
            .param("limit", limit);
        if (!kinds.isEmpty()) {
            statement = statement.param("kinds", List.copyOf(kinds));
        }
        return statement.query(Jobs::job).list();
    }

    /**
     * Takes the job on for a new attempt, if it is still to be run (queued, or running on
     * a node that died or lost it); a job found running counts as restarted. Empty when
     * the job is finished or gone: it is never run again.
     */
    Optional<Claim> claim(WorkspaceId workspaceId, JobId id, Instant now) {
        Optional<Claim> before = jdbc.sql("""
                select kind, state, attempt, restarts from jobs
                 where workspace_id = ? and id = ? and state in ('queued', 'running') for update""")
            .params(workspaceId.value(), id.value())
            .query((rs, n) -> new Claim(rs.getString("kind"), rs.getInt("attempt") + 1,
                    rs.getInt("restarts") + (rs.getString("state").equals("running") ? 1 : 0)))
            .optional();
        before.ifPresent(claim -> jdbc.sql("""
                update jobs set state = 'running', attempt = ?, restarts = ?,
                                started_at = coalesce(started_at, ?)
                 where workspace_id = ? and id = ?""")
            .params(claim.attempt(), claim.restarts(), Timestamps.toDatabase(now), workspaceId.value(), id.value())
            .update());
        return before;
    }

    /**
     * Locks the job for one step of {@code attempt} and returns what the step starts
     * from; empty when the attempt is no longer the job's (another node took it on) or
     * the job is no longer running (cancelled, deleted).
     */
    Optional<JobStep> lockForStep(WorkspaceId workspaceId, JobId id, int attempt) {
        return jdbc.sql("""
                select requester, parameters, checkpoint, done, total from jobs
                 where workspace_id = ? and id = ? and attempt = ? and state = 'running' for update""")
            .params(workspaceId.value(), id.value(), attempt)
            .query((rs, n) -> new JobStep(id, workspaceId, memberId(rs, "requester"), rs.getString("parameters"),
                    rs.getString("checkpoint"), rs.getLong("done"), rs.getLong("total")))
            .optional();
    }

    void progress(WorkspaceId workspaceId, JobId id, int attempt, String checkpoint, long done, long total) {
        expectOne(jdbc.sql("""
                update jobs set checkpoint = ?, done = ?, total = ?
                 where workspace_id = ? and id = ? and attempt = ? and state = 'running'""")
            .params(checkpoint, done, total, workspaceId.value(), id.value(), attempt)
            .update());
    }

    /**
     * Ends a running attempt as succeeded (with its result) or failed (with its error).
     */
    void finish(WorkspaceId workspaceId, JobId id, int attempt, JobState state, long done, long total, String result,
            String error, Instant now) {
        expectOne(jdbc.sql("""
                update jobs set state = ?, done = ?, total = ?, result = ?, error = ?, checkpoint = null,
                                finished_at = ?
                 where workspace_id = ? and id = ? and attempt = ? and state = 'running'""")
            .params(state.code(), done, total, result, error, Timestamps.toDatabase(now), workspaceId.value(),
                    id.value(), attempt)
            .update());
    }

    /**
     * A stopping node hands the job back: queued again, to be resumed from its checkpoint
     * by whichever node.
     */
    void pause(WorkspaceId workspaceId, JobId id, int attempt) {
        jdbc.sql(
                "update jobs set state = 'queued' where workspace_id = ? and id = ? and attempt = ? and state = 'running'")
            .params(workspaceId.value(), id.value(), attempt)
            .update();
    }

    /** Cancels a job that has not finished; false when it had (nothing changes then). */
    boolean cancel(WorkspaceId workspaceId, JobId id, Instant now) {
        return jdbc.sql("""
                update jobs set state = 'cancelled', checkpoint = null, finished_at = ?
                 where workspace_id = ? and id = ? and state in ('queued', 'running')""")
            .params(Timestamps.toDatabase(now), workspaceId.value(), id.value())
            .update() == 1;
    }

    void deleteWorkspace(WorkspaceId workspaceId) {
        jdbc.sql("delete from jobs where workspace_id = ?").param(workspaceId.value()).update();
    }

    /**
     * Removes jobs of every workspace that finished before {@code before}; the caller is
     * in the system scope.
     */
    int deleteFinishedBefore(Instant before) {
        return jdbc.sql("delete from jobs where state in ('succeeded', 'failed', 'cancelled') and finished_at < ?")
            .param(Timestamps.toDatabase(before))
            .update();
    }

    /** A recurring task's last success and next execution, from the scheduler's table. */
    Optional<JobManagement.RecurringStatus> recurring(String taskName) {
        return jdbc.sql("select last_success, execution_time from scheduled_tasks where task_name = ?")
            .param(taskName)
            .query((rs, n) -> new JobManagement.RecurringStatus(instant(rs, "last_success"),
                    instant(rs, "execution_time")))
            .stream()
            .findFirst();
    }

    private static void expectOne(int updated) {
        if (updated != 1) {
            throw new IllegalStateException("the job's row was locked for this step and yet did not change");
        }
    }

    private static Job job(ResultSet rs, int row) throws SQLException {
        return new Job(new JobId(rs.getObject("id", UUID.class)),
                new WorkspaceId(rs.getObject("workspace_id", UUID.class)), rs.getString("kind"),
                memberId(rs, "requester"), JobState.ofCode(rs.getString("state")), rs.getLong("done"),
                rs.getLong("total"), instant(rs, "created_at"), instant(rs, "started_at"), instant(rs, "finished_at"),
                rs.getString("error"), rs.getString("result"));
    }

    private static MemberId memberId(ResultSet rs, String column) throws SQLException {
        UUID value = rs.getObject(column, UUID.class);
        return value == null ? null : new MemberId(value);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return Timestamps.fromDatabase(rs.getObject(column, OffsetDateTime.class));
    }

}
