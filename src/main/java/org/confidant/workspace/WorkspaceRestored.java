package org.confidant.workspace;

import org.confidant.shared.AuditAction;
import org.confidant.shared.AuditActor;
import org.confidant.shared.AuditRecord;
import org.confidant.shared.AuditedEvent;
import org.confidant.shared.MemberId;
import org.confidant.shared.WorkspaceId;
import org.springframework.modulith.NamedInterface;

/**
 * An owner undid the workspace's cancellation within its grace period: it is accessible
 * again (sessions, API tokens and visitor sessions that ended stay ended).
 */
@NamedInterface("api")
public record WorkspaceRestored(WorkspaceId workspaceId, MemberId by) implements AuditedEvent {

    @Override
    public AuditRecord auditRecord() {
        return AuditRecord.of(workspaceId, AuditAction.WORKSPACE_RESTORED, AuditActor.member(by))
            .on("workspace", workspaceId);
    }
}
