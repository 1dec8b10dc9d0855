package org.confidant.job;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

import org.confidant.shared.Ids;
import org.confidant.shared.Timestamps;
import org.confidant.shared.WorkspaceId;
import org.confidant.tenancy.Tenancy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.github.kagkarlsson.scheduler.SchedulerState;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;

/**
 * Runs one job for the scheduler: inside the job's workspace, claims it for a new attempt
 * (a finished or cancelled job is not run again), then runs its kind's steps one
 * transaction each, from the last committed checkpoint, until the job finishes, fails, is
 * cancelled, is taken on by another node, or this node stops (the job is then handed
 * back, queued, to be resumed by whichever node picks it next).
 *
 * <p>
 * Underneath is db-scheduler on the application's own database ({@code scheduled_tasks}:
 * one execution per job, picked by one node, revived when that node's heartbeats stop);
 * the {@code jobs} table is the record the pages read. Each step runs in the job's
 * workspace and commits its writes, checkpoint and progress in one transaction, fenced by
 * the attempt that claimed the job, so a node that lost the job changes nothing; the
 * result becomes visible only in the transaction that marks the job succeeded, so a
 * half-made result is never served.
 */
@Component
class JobRunner {

    private static final Logger log = LoggerFactory.getLogger(JobRunner.class);

    /** The scheduler's execution is done with: the job finished (or is gone). */
    private static final CompletionHandler<Void> REMOVE = (complete, operations) -> operations.remove();

    /** Another node took the job on and owns the execution now: leave it alone. */
    private static final CompletionHandler<Void> LEAVE = (complete, operations) -> {
    };

    /** This node is stopping: the execution is due again at once, for any node. */
    private static final CompletionHandler<Void> HAND_BACK = (complete, operations) -> operations.reschedule(complete,
            Instant.now());

    private enum Outcome {

        CONTINUE, FINISHED, LOST

    }

    /**
     * A step's failure, carrying the reason the job records; rolls the step's transaction
     * back.
     */
    private static final class StepFailed extends RuntimeException {

        StepFailed(String reason) {
            super(reason, null, false, false);
        }

    }

    private final Jobs jobs;

    private final JobKinds kinds;

    private final JobSettings settings;

    private final TransactionTemplate transactions;

    private final ApplicationEventPublisher events;

    private final Clock clock;

    JobRunner(Jobs jobs, JobKinds kinds, JobSettings settings, PlatformTransactionManager transactionManager,
            ApplicationEventPublisher events, Clock clock) {
        this.jobs = jobs;
        this.kinds = kinds;
        this.settings = settings;
        this.transactions = new TransactionTemplate(transactionManager);
        this.events = events;
        this.clock = clock;
    }

    /**
     * The scheduler's execution {@code <workspace id>:<job id>}, as
     * {@link JobScheduler#instanceId} names it.
     */
    CompletionHandler<Void> run(String instanceId, SchedulerState scheduler) {
        int colon = instanceId.indexOf(':');
        WorkspaceId workspaceId;
        JobId jobId;
        try {
            workspaceId = new WorkspaceId(Ids.parse(instanceId.substring(0, Math.max(colon, 0))));
            jobId = new JobId(Ids.parse(instanceId.substring(colon + 1)));
        }
        catch (IllegalArgumentException e) {
            log.warn("Dropping a scheduled job execution that names no job: {}", instanceId);
            return REMOVE;
        }
        return Tenancy.run(workspaceId, () -> run(workspaceId, jobId, scheduler));
    }

    private CompletionHandler<Void> run(WorkspaceId workspaceId, JobId jobId, SchedulerState scheduler) {
        Optional<Jobs.Claim> claimed = inTransaction(() -> jobs.claim(workspaceId, jobId, now()));
        if (claimed.isEmpty()) {
            return REMOVE;
        }
        Jobs.Claim claim = claimed.get();
        Optional<JobKind> kind = kinds.find(claim.kind());
        if (kind.isEmpty()) {
            fail(workspaceId, jobId, claim, "This version of Confidant does not know jobs of this kind.");
            return REMOVE;
        }
        if (claim.restarts() > settings.maxRestarts()) {
            fail(workspaceId, jobId, claim, "The job was interrupted " + claim.restarts()
                    + " times (its node stopped while running it) and was given up.");
            return REMOVE;
        }
        while (true) {
            if (scheduler.isShuttingDown()) {
                inTransaction(() -> {
                    jobs.pause(workspaceId, jobId, claim.attempt());
                    return null;
                });
                return HAND_BACK;
            }
            Outcome outcome;
            try {
                outcome = inTransaction(() -> step(workspaceId, jobId, claim, kind.get()));
            }
            catch (StepFailed failed) {
                fail(workspaceId, jobId, claim, failed.getMessage());
                return REMOVE;
            }
            switch (outcome) {
                case FINISHED:
                    return REMOVE;
                case LOST:
                    // cancelled or deleted: the execution is done with; taken on
                    // elsewhere: it is the other node's
                    return jobs.find(workspaceId, jobId).filter(job -> !job.finished()).isPresent() ? LEAVE : REMOVE;
                case CONTINUE:
                default:
                    break;
            }
        }
    }

    /** One step, with its checkpoint and progress, in the caller's transaction. */
    private Outcome step(WorkspaceId workspaceId, JobId jobId, Jobs.Claim claim, JobKind kind) {
        Optional<JobStep> locked = jobs.lockForStep(workspaceId, jobId, claim.attempt());
        if (locked.isEmpty()) {
            return Outcome.LOST;
        }
        StepResult result;
        try {
            result = kind.step(locked.get());
        }
        catch (JobFailure failure) {
            throw new StepFailed(failure.getMessage());
        }
        catch (RuntimeException e) {
            log.warn("A step of job {} (kind {}) failed", jobId, kind.name(), e);
            throw new StepFailed("The job stopped on an internal error (" + e.getClass().getSimpleName() + ").");
        }
        if (result == null) {
            throw new StepFailed("The job stopped on an internal error (a step returned nothing).");
        }
        if (!result.finished()) {
            jobs.progress(workspaceId, jobId, claim.attempt(), result.checkpoint(), result.done(), result.total());
            return Outcome.CONTINUE;
        }
        jobs.finish(workspaceId, jobId, claim.attempt(), JobState.SUCCEEDED, result.done(), result.total(),
                result.result(), null, now());
        events.publishEvent(new JobFinished(workspaceId, jobId, kind.name(), JobState.SUCCEEDED, result.done(),
                result.total(), null));
        return Outcome.FINISHED;
    }

    private void fail(WorkspaceId workspaceId, JobId jobId, Jobs.Claim claim, String reason) {
        String error = reason == null || reason.isBlank() ? "The job failed." : reason.strip();
        String summary = error.length() > Jobs.MAX_ERROR ? error.substring(0, Jobs.MAX_ERROR - 1) + "…" : error;
        inTransaction(() -> {
            jobs.lockForStep(workspaceId, jobId, claim.attempt()).ifPresent(step -> {
                jobs.finish(workspaceId, jobId, claim.attempt(), JobState.FAILED, step.done(), step.total(), null,
                        summary, now());
                events.publishEvent(new JobFinished(workspaceId, jobId, claim.kind(), JobState.FAILED, step.done(),
                        step.total(), null));
            });
            return null;
        });
    }

    private <T> T inTransaction(Supplier<T> work) {
        return transactions.execute(status -> work.get());
    }

    private Instant now() {
        return Timestamps.now(clock);
    }

}
