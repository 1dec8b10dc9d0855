package org.confidant.access;

import java.util.Map;

import org.confidant.shared.AuditAction;
import org.confidant.shared.AuditRecord;
import org.confidant.shared.MemberId;
import org.confidant.shared.WorkspaceId;
import org.springframework.modulith.NamedInterface;

/**
 * A membership ended, by removal or by leaving ({@code actorId} equal to
 * {@code memberId}): recorded as {@code member.removed}.
 */
@NamedInterface("api")
public record MemberRemoved(WorkspaceId workspaceId, MemberId actorId, MemberId memberId) implements MemberChange {

    @Override
    public AuditRecord auditRecord() {
        return change(AuditAction.MEMBER_REMOVED).details(Map.of("left", Boolean.toString(actorId.equals(memberId))));
    }
}
