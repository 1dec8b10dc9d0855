package org.confidant.access;

import org.confidant.shared.AuditAction;
import org.confidant.shared.AuditRecord;
import org.confidant.shared.MemberId;
import org.confidant.shared.WorkspaceId;
import org.springframework.modulith.NamedInterface;

/**
 * A deactivated member was reactivated, with the access they had: recorded as
 * {@code member.reactivated}.
 */
@NamedInterface("api")
public record MemberReactivated(WorkspaceId workspaceId, MemberId actorId, MemberId memberId) implements MemberChange {

    @Override
    public AuditRecord auditRecord() {
        return change(AuditAction.MEMBER_REACTIVATED);
    }
}
