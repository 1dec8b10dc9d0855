package org.confidant.identity;

import org.confidant.shared.AuditActor;
import org.confidant.shared.AuditedEvent;
import org.confidant.shared.MemberId;
import org.confidant.shared.WorkspaceId;

/** A member signed in to the dashboard: recorded as {@code sign_in.succeeded}. */
public record SignedIn(WorkspaceId workspaceId, MemberId memberId) implements AuditedEvent {

    @Override
    public String auditAction() {
        return "sign_in.succeeded";
    }

    @Override
    public AuditActor auditActor() {
        return AuditActor.member(memberId, "");
    }

    @Override
    public String auditTarget() {
        return "member:" + memberId;
    }
}
