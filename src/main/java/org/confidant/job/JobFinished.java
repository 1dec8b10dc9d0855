package org.confidant.job;

import java.util.Map;

import org.confidant.shared.AuditAction;
import org.confidant.shared.AuditActor;
import org.confidant.shared.AuditOutcome;
import org.confidant.shared.AuditRecord;
import org.confidant.shared.AuditedEvent;
import org.confidant.shared.MemberId;
import org.confidant.shared.WorkspaceId;
import org.jspecify.annotations.Nullable;
import org.springframework.modulith.NamedInterface;

/**
 * A job finished: it succeeded, failed, or a member cancelled it ({@code cancelledBy};
 * null otherwise). Published in the transaction that finished it; holds ids, the kind and
 * counts only (neither the error nor the result).
 */
@NamedInterface("api")
public record JobFinished(WorkspaceId workspaceId, JobId jobId, String kind, JobState state, long done, long total,
        @Nullable MemberId cancelledBy) implements AuditedEvent {

    public JobFinished {
        if (!state.finished()) {
            throw new IllegalArgumentException("a finished job is succeeded, failed or cancelled");
        }
    }

    @Override
    public AuditRecord auditRecord() {
        AuditAction action = switch (state) {
            case SUCCEEDED -> AuditAction.JOB_SUCCEEDED;
            case FAILED -> AuditAction.JOB_FAILED;
            default -> AuditAction.JOB_CANCELLED;
        };
        return AuditRecord
            .of(workspaceId, action, cancelledBy == null ? AuditActor.system() : AuditActor.member(cancelledBy))
            .on("job", jobId)
            .outcome(state == JobState.FAILED ? AuditOutcome.FAILURE : AuditOutcome.SUCCESS)
            .details(Map.of("kind", kind, "done", Long.toString(done), "total", Long.toString(total)));
    }
}
