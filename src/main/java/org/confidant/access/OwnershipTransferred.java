package org.confidant.access;

import org.confidant.shared.AuditActor;
import org.confidant.shared.AuditedEvent;
import org.confidant.shared.MemberId;
import org.confidant.shared.WorkspaceId;

/** An owner handed ownership to another member (and became an admin): recorded as {@code ownership.transferred}. */
public record OwnershipTransferred(WorkspaceId workspaceId, MemberId actorId, MemberId newOwnerId)
        implements AuditedEvent {

    @Override
    public String auditAction() {
        return "ownership.transferred";
    }

    @Override
    public AuditActor auditActor() {
        return AuditActor.member(actorId, "");
    }

    @Override
    public String auditTarget() {
        return "member:" + newOwnerId;
    }
}
