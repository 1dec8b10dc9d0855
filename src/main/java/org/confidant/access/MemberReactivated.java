package org.confidant.access;

import org.confidant.shared.AuditActor;
import org.confidant.shared.AuditedEvent;
import org.confidant.shared.MemberId;
import org.confidant.shared.WorkspaceId;

/**
 * A deactivated member was reactivated, with the access they had: recorded as {@code member.reactivated}.
 */
public record MemberReactivated(WorkspaceId workspaceId, MemberId actorId, MemberId memberId) implements AuditedEvent {

    @Override
    public String auditAction() {
        return "member.reactivated";
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
