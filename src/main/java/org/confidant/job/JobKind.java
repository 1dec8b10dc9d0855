package org.confidant.job;

import org.confidant.access.Permission;
import org.springframework.modulith.NamedInterface;

/**
 * A kind of job (a workspace export, a purge, an erasure, a re-encryption...),
 * implemented as a Spring bean by the module that owns the work. The jobs facility runs
 * each job of the kind step by step, each step in its own transaction inside the job's
 * workspace ({@code Tenancy.run}), until a step says it finished.
 *
 * <p>
 * <b>The step contract.</b> A step does a bounded piece of work (a batch: about a second,
 * never minutes) and returns the checkpoint the next step starts from. The step's
 * database writes, its checkpoint and its progress commit together, so a crash loses at
 * most the step in flight, which runs again from the last committed checkpoint. Whatever
 * a step does outside that transaction (a file written, a message sent) must therefore be
 * idempotent: doing it twice must leave what doing it once does (write a part under a
 * name derived from the checkpoint, replace rather than append, publish the finished
 * object only in the last step). A step must not assume it runs on the node, or in the
 * process, that ran the previous one. The result reference returned by the last step
 * becomes visible only with the state "succeeded", so nobody is handed a half-made
 * result.
 *
 * <p>
 * A step that throws fails the job: {@link JobFailure} with its reason, anything else
 * with a generic one.
 */
@NamedInterface("api")
public interface JobKind {

    /**
     * The kind's stable name, stored with each job: lower case, digits, dots, dashes
     * (e.g. {@code privacy.export}).
     */
    String name();

    /** What the pages call a job of this kind (e.g. "Workspace export"). */
    String title();

    /**
     * Who may see (and cancel) a job of this kind besides its requester: members holding
     * this permission. Seeing a job is not seeing its result; the kind's module serves
     * results with its own checks.
     */
    Permission permission();

    /** Does one step of the job and says where it got to. */
    StepResult step(JobStep job);

}
