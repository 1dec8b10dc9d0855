package org.confidant.job;

import java.util.Map;

import org.confidant.shared.AuditActor;
import org.confidant.shared.AuditOutcome;
import org.confidant.shared.AuditedEvent;
import org.confidant.shared.MemberId;
import org.confidant.shared.WorkspaceId;
import org.springframework.modulith.NamedInterface;

/**
 * A job finished: it succeeded, failed, or a member cancelled it ({@code cancelledBy}; null otherwise). Published in
 * the transaction that finished it; holds ids, the kind and counts only (neither the error nor the result).
 */
@NamedInterface("jobs")
public record JobFinished(WorkspaceId workspaceId, JobId jobId, String kind, JobState state, long done, long total,
        MemberId cancelledBy) implements AuditedEvent {

    public JobFinished {
        if (!state.finished()) {
            throw new IllegalArgumentException("a finished job is succeeded, failed or cancelled");
        }
    }

    @Override
    public String auditAction() {
        return switch (state) {
            case SUCCEEDED -> "job.succeeded";
            case FAILED -> "job.failed";
            default -> "job.cancelled";
        };
    }

    @Override
    public AuditActor auditActor() {
        return cancelledBy == null ? AuditActor.system() : AuditActor.member(cancelledBy, "");
    }

    @Override
    public String auditTarget() {
        return "job:" + jobId;
    }

    @Override
    public AuditOutcome auditOutcome() {
        return state == JobState.FAILED ? AuditOutcome.FAILURE : AuditOutcome.SUCCESS;
    }

    @Override
    public Map<String, String> auditDetails() {
        return Map.of("kind", kind, "done", Long.toString(done), "total", Long.toString(total));
    }
}
