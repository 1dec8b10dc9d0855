package org.confidant.lifecycle;

import org.confidant.shared.AuditAction;
import org.confidant.shared.AuditActor;
import org.confidant.shared.AuditRecord;
import org.confidant.shared.AuditedEvent;
import org.confidant.shared.MemberId;
import org.confidant.shared.WorkspaceId;

/** A member placed a legal hold on a conversation or contact, or lifted one. */
public record LegalHoldChanged(WorkspaceId workspaceId, MemberId by, LegalHold.Target target,
        boolean placed) implements AuditedEvent {

    @Override
    public AuditRecord auditRecord() {
        return AuditRecord
            .of(workspaceId, placed ? AuditAction.LEGAL_HOLD_PLACED : AuditAction.LEGAL_HOLD_RELEASED,
                    AuditActor.member(by))
            .on(target.kind().code(), target.id());
    }
}
