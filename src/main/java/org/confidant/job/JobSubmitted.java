package org.confidant.job;

import java.util.Map;

import org.confidant.shared.AuditAction;
import org.confidant.shared.AuditActor;
import org.confidant.shared.AuditRecord;
import org.confidant.shared.AuditedEvent;
import org.confidant.shared.MemberId;
import org.confidant.shared.WorkspaceId;
import org.jspecify.annotations.Nullable;
import org.springframework.modulith.NamedInterface;

/**
 * A job was submitted, by a member or by the system (requester null). Its parameters are
 * not part of the event.
 */
@NamedInterface("api")
public record JobSubmitted(WorkspaceId workspaceId, JobId jobId, String kind,
        @Nullable MemberId requester) implements AuditedEvent {

    @Override
    public AuditRecord auditRecord() {
        return AuditRecord
            .of(workspaceId, AuditAction.JOB_SUBMITTED,
                    requester == null ? AuditActor.system() : AuditActor.member(requester))
            .on("job", jobId)
            .details(Map.of("kind", kind));
    }
}
