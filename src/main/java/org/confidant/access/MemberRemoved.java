package org.confidant.access;

import java.util.Map;

import org.confidant.shared.MemberId;
import org.confidant.shared.WorkspaceId;

/**
 * A membership ended, by removal or by leaving ({@code actorId} equal to {@code memberId}): recorded as
 * {@code member.removed}.
 */
public record MemberRemoved(WorkspaceId workspaceId, MemberId actorId, MemberId memberId) implements MemberChange {

    @Override
    public String auditAction() {
        return "member.removed";
    }

    @Override
    public Map<String, String> auditDetails() {
        return Map.of("left", Boolean.toString(actorId.equals(memberId)));
    }
}
