package org.confidant.identity;

import org.confidant.shared.AuditAction;
import org.confidant.shared.AuditActor;
import org.confidant.shared.AuditRecord;
import org.confidant.shared.AuditedEvent;
import org.confidant.shared.MemberId;
import org.confidant.shared.WorkspaceId;
import org.springframework.modulith.NamedInterface;

/**
 * A workspace was created with its owner (through the setup link): recorded as
 * {@code workspace.created}, the first entry of its log.
 */
@NamedInterface("api")
public record WorkspaceCreated(WorkspaceId workspaceId, MemberId owner) implements AuditedEvent {

    @Override
    public AuditRecord auditRecord() {
        return AuditRecord.of(workspaceId, AuditAction.WORKSPACE_CREATED, AuditActor.member(owner))
            .on("workspace", workspaceId);
    }
}
