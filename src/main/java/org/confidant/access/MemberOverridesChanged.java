package org.confidant.access;

import java.util.Map;

import org.confidant.shared.AuditAction;
import org.confidant.shared.AuditRecord;
import org.confidant.shared.MemberId;
import org.confidant.shared.WorkspaceId;
import org.springframework.modulith.NamedInterface;

/**
 * One of a member's permission overrides changed: recorded as
 * {@code member.overrides_changed}.
 *
 * @param value grant, revoke, or role (back to what the role gives)
 */
@NamedInterface("api")
public record MemberOverridesChanged(WorkspaceId workspaceId, MemberId actorId, MemberId memberId,
        Permission permission, String value) implements MemberChange {

    @Override
    public AuditRecord auditRecord() {
        return change(AuditAction.MEMBER_OVERRIDES_CHANGED)
            .details(Map.of("permission", permission.key(), "value", value));
    }
}
