package org.confidant.access;

import org.confidant.shared.AuditAction;
import org.confidant.shared.AuditActor;
import org.confidant.shared.AuditRecord;
import org.confidant.shared.AuditedEvent;
import org.confidant.shared.MemberId;
import org.confidant.shared.WorkspaceId;
import org.springframework.modulith.NamedInterface;

/**
 * An owner handed ownership to another member (and became an admin): recorded as
 * {@code ownership.transferred}.
 */
@NamedInterface("api")
public record OwnershipTransferred(WorkspaceId workspaceId, MemberId actorId,
        MemberId newOwnerId) implements AuditedEvent {

    @Override
    public AuditRecord auditRecord() {
        return AuditRecord.of(workspaceId, AuditAction.OWNERSHIP_TRANSFERRED, AuditActor.member(actorId))
            .on("member", newOwnerId);
    }
}
