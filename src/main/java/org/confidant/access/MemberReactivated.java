package org.confidant.access;

import org.confidant.shared.MemberId;
import org.confidant.shared.WorkspaceId;

/**
 * A deactivated member was reactivated, with the access they had: recorded as {@code member.reactivated}.
 */
public record MemberReactivated(WorkspaceId workspaceId, MemberId actorId, MemberId memberId) implements MemberChange {

    @Override
    public String auditAction() {
        return "member.reactivated";
    }
}
