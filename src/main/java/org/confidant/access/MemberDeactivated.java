package org.confidant.access;

import org.confidant.shared.AuditAction;
import org.confidant.shared.AuditRecord;
import org.confidant.shared.MemberId;
import org.confidant.shared.WorkspaceId;
import org.springframework.modulith.NamedInterface;

/**
 * A member was deactivated: their membership grants nothing and cannot be signed into
 * until it is reactivated; recorded as {@code member.deactivated}.
 */
@NamedInterface("api")
public record MemberDeactivated(WorkspaceId workspaceId, MemberId actorId, MemberId memberId) implements MemberChange {

    @Override
    public AuditRecord auditRecord() {
        return change(AuditAction.MEMBER_DEACTIVATED);
    }
}
