package org.confidant.job;

import org.confidant.shared.MemberId;
import org.confidant.shared.WorkspaceId;
import org.jspecify.annotations.Nullable;
import org.springframework.modulith.NamedInterface;

/**
 * What a {@link JobKind} is given for one step: the job, its parameters as submitted, and
 * where the last committed step left it.
 *
 * @param requester the member who asked for the job; null when the system started it
 * @param parameters what the job was submitted with (the kind's own small text)
 * @param checkpoint what the last committed step returned; null before the first step
 * @param done progress as of the last committed step
 * @param total the total as of the last committed step (0 before the kind first said)
 */
@NamedInterface("api")
public record JobStep(JobId jobId, WorkspaceId workspaceId, @Nullable MemberId requester, String parameters,
        @Nullable String checkpoint, long done, long total) {

    /** Whether this is the job's first step (nothing committed yet). */
    public boolean first() {
        return checkpoint == null;
    }
}
