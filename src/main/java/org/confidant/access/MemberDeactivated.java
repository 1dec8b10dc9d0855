package org.confidant.access;

import org.confidant.shared.AuditActor;
import org.confidant.shared.AuditedEvent;
import org.confidant.shared.MemberId;
import org.confidant.shared.WorkspaceId;

/**
 * A member was deactivated: their membership grants nothing and cannot be signed into until it is reactivated;
 * recorded as {@code member.deactivated}.
 */
public record MemberDeactivated(WorkspaceId workspaceId, MemberId actorId, MemberId memberId) implements AuditedEvent {

    @Override
    public String auditAction() {
        return "member.deactivated";
    }

    @Override
    public AuditActor auditActor() {
        return AuditActor.member(actorId, "");
    }

    @Override
    public String auditTarget() {
        return "member:" + memberId;
    }
}
