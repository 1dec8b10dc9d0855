package org.confidant.identity;

import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.confidant.shared.AuditAction;
import org.confidant.shared.AuditActor;
import org.confidant.shared.AuditRecord;
import org.confidant.shared.AuditedEvent;
import org.confidant.shared.MemberId;
import org.confidant.shared.WorkspaceId;
import org.springframework.modulith.NamedInterface;

/**
 * A person accepted an invitation and became (or became again) a member: recorded as
 * {@code member.joined}, naming the invitation that {@code member.invited} recorded.
 */
@NamedInterface("api")
public record MemberJoined(WorkspaceId workspaceId, MemberId memberId, Role role,
        UUID invitationId) implements AuditedEvent {

    @Override
    public AuditRecord auditRecord() {
        return AuditRecord.of(workspaceId, AuditAction.MEMBER_JOINED, AuditActor.member(memberId))
            .on("member", memberId)
            .details(Map.of("role", role.name().toLowerCase(Locale.ROOT), "invitation", invitationId.toString()));
    }
}
