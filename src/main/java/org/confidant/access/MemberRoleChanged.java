package org.confidant.access;

import java.util.Locale;
import java.util.Map;

import org.confidant.identity.Role;
import org.confidant.shared.AuditAction;
import org.confidant.shared.AuditRecord;
import org.confidant.shared.MemberId;
import org.confidant.shared.WorkspaceId;
import org.springframework.modulith.NamedInterface;

/**
 * A member's role changed: recorded as {@code member.role_changed} with the new
 * {@code role}.
 */
@NamedInterface("api")
public record MemberRoleChanged(WorkspaceId workspaceId, MemberId actorId, MemberId memberId,
        Role role) implements MemberChange {

    @Override
    public AuditRecord auditRecord() {
        return change(AuditAction.MEMBER_ROLE_CHANGED).details(Map.of("role", role.name().toLowerCase(Locale.ROOT)));
    }
}
