package org.confidant.access;

import java.util.Locale;
import java.util.Map;

import org.confidant.shared.AuditAction;
import org.confidant.shared.AuditRecord;
import org.confidant.shared.MemberId;
import org.confidant.shared.WorkspaceId;
import org.springframework.modulith.NamedInterface;

/** A member's conversation scope changed: recorded as {@code member.scope_changed}. */
@NamedInterface("api")
public record MemberScopeChanged(WorkspaceId workspaceId, MemberId actorId, MemberId memberId,
        ConversationScope scope) implements MemberChange {

    @Override
    public AuditRecord auditRecord() {
        return change(AuditAction.MEMBER_SCOPE_CHANGED).details(Map.of("scope", scope.name().toLowerCase(Locale.ROOT)));
    }
}
