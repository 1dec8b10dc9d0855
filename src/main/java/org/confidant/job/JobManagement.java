package org.confidant.job;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.confidant.access.Grants;
import org.confidant.shared.MemberId;
import org.confidant.shared.NotFound;
import org.confidant.shared.Timestamps;
import org.confidant.shared.WorkspaceId;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.modulith.NamedInterface;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The jobs facility's public API. A module submits a job of one of its {@link JobKind}s
 * after it has authorised the action itself (the facility does not know what an export or
 * a purge needs); the job is queued in the caller's transaction and runs only if that
 * commits. A job is visible to its requester and to members holding its kind's
 * {@link JobKind#permission()}: to anyone else it does not exist (not found, exactly like
 * an unknown id or one of another workspace). Submitting and finishing are published as
 * {@link JobSubmitted} and {@link JobFinished}.
 */
@Service
@NamedInterface("api")
public class JobManagement {

    /** How many jobs the list shows, newest first. */
    public static final int RECENT = 50;

    private final Jobs jobs;

    private final JobKinds kinds;

    private final JobScheduler scheduler;

    private final ApplicationEventPublisher events;

    private final Clock clock;

    JobManagement(Jobs jobs, JobKinds kinds, JobScheduler scheduler, ApplicationEventPublisher events, Clock clock) {
        this.jobs = jobs;
        this.kinds = kinds;
        this.scheduler = scheduler;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Queues a job of {@code kind} that the member asked for, with the kind's small
     * {@code parameters} (at most 2,000 characters, stored as they are: ids, not personal
     * data or secrets). The calling module has checked that the member may do what the
     * job does.
     */
    @Transactional
    public JobId submit(Grants requester, String kind, String parameters) {
        return queue(requester.workspaceId(), requester.memberId(), kind, parameters);
    }

    /**
     * Queues a job the system starts (a sweeper's purge, a key rotation): it has no
     * requester.
     */
    @Transactional
    public JobId submitForSystem(WorkspaceId workspaceId, String kind, String parameters) {
        return queue(workspaceId, null, kind, parameters);
    }

    /** The job, if the viewer may see it. */
    @Transactional(readOnly = true)
    public Optional<Job> find(Grants viewer, JobId id) {
        return jobs.find(viewer.workspaceId(), id).filter(job -> visibleTo(viewer, job));
    }

    /** The newest jobs of the viewer's workspace that the viewer may see. */
    @Transactional(readOnly = true)
    public List<Job> recent(Grants viewer) {
        List<String> visibleKinds = kinds.kinds()
            .stream()
            .filter(kind -> viewer.has(kind.permission()))
            .map(JobKind::name)
            .toList();
        return jobs.recent(viewer.workspaceId(), viewer.memberId(), visibleKinds, RECENT);
    }

    /**
     * Cancels a job the actor may see: it stops after the step in flight, whose work is
     * rolled back. A job that has finished already stays as it is. Returns the job as it
     * is now.
     */
    @Transactional
    public Job cancel(Grants actor, JobId id) {
        find(actor, id).orElseThrow(() -> new NotFound("job"));
        boolean cancelled = jobs.cancel(actor.workspaceId(), id, Timestamps.now(clock));
        Job job = jobs.find(actor.workspaceId(), id).orElseThrow(() -> new NotFound("job"));
        if (cancelled) {
            events.publishEvent(new JobFinished(actor.workspaceId(), id, job.kind(), JobState.CANCELLED, job.done(),
                    job.total(), actor.memberId()));
        }
        return job;
    }

    /**
     * When a {@link RecurringWork} last finished a run and when it runs next (null when
     * not known: it never ran, or the scheduler has not registered it yet).
     * Deployment-wide facts, not a workspace's.
     */
    public record RecurringStatus(Instant lastRun, Instant nextRun) {
    }

    @Transactional(readOnly = true)
    public RecurringStatus recurringStatus(String name) {
        return jobs.recurring(JobScheduler.RECURRING_PREFIX + name).orElse(new RecurringStatus(null, null));
    }

    /** What the pages call the job's kind. */
    public String title(Job job) {
        return kinds.find(job.kind()).map(JobKind::title).orElse(job.kind());
    }

    private JobId queue(WorkspaceId workspaceId, MemberId requester, String kind, String parameters) {
        if (kinds.find(kind).isEmpty()) {
            throw new IllegalArgumentException("no job kind is named " + kind);
        }
        String given = parameters == null ? "" : parameters;
        if (given.length() > Jobs.MAX_PARAMETERS) {
            throw new IllegalArgumentException(
                    "a job's parameters have at most " + Jobs.MAX_PARAMETERS + " characters");
        }
        JobId id = JobId.random();
        jobs.insert(workspaceId, id, kind, requester, given, Timestamps.now(clock));
        scheduler.schedule(workspaceId, id);
        events.publishEvent(new JobSubmitted(workspaceId, id, kind, requester));
        return id;
    }

    private boolean visibleTo(Grants viewer, Job job) {
        return viewer.memberId().equals(job.requester())
                || kinds.find(job.kind()).map(kind -> viewer.has(kind.permission())).orElse(false);
    }

}
