package org.confidant.identity;

import org.confidant.shared.AuditAction;
import org.confidant.shared.AuditActor;
import org.confidant.shared.AuditRecord;
import org.confidant.shared.AuditedEvent;
import org.confidant.shared.MemberId;
import org.confidant.shared.WorkspaceId;
import org.springframework.modulith.NamedInterface;

/**
 * A member changed their account's sign-in email (recorded in the workspace the session
 * acted in). The new email is the actor's label; the old one is not repeated.
 */
@NamedInterface("api")
public record EmailChanged(WorkspaceId workspaceId, MemberId memberId, String email) implements AuditedEvent {

    @Override
    public AuditRecord auditRecord() {
        return AuditRecord.of(workspaceId, AuditAction.ACCOUNT_EMAIL_CHANGED, AuditActor.member(memberId, email))
            .on("member", memberId.value());
    }
}
