package org.confidant.access;

import java.util.Locale;
import java.util.Map;

import org.confidant.shared.MemberId;
import org.confidant.shared.WorkspaceId;

/** A member's conversation scope changed: recorded as {@code member.scope_changed}. */
public record MemberScopeChanged(WorkspaceId workspaceId, MemberId actorId, MemberId memberId, ConversationScope scope)
        implements MemberChange {

    @Override
    public String auditAction() {
        return "member.scope_changed";
    }

    @Override
    public Map<String, String> auditDetails() {
        return Map.of("scope", scope.name().toLowerCase(Locale.ROOT));
    }
}
