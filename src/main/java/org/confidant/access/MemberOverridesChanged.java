package org.confidant.access;

import java.util.Map;

import org.confidant.shared.MemberId;
import org.confidant.shared.WorkspaceId;

/**
 * One of a member's permission overrides changed: recorded as {@code member.overrides_changed}.
 *
 * @param value grant, revoke, or role (back to what the role gives)
 */
public record MemberOverridesChanged(WorkspaceId workspaceId, MemberId actorId, MemberId memberId,
        Permission permission, String value) implements MemberChange {

    @Override
    public String auditAction() {
        return "member.overrides_changed";
    }

    @Override
    public Map<String, String> auditDetails() {
        return Map.of("permission", permission.key(), "value", value);
    }
}
