package org.confidant.access;

import java.util.Locale;
import java.util.Map;

import org.confidant.identity.Role;
import org.confidant.shared.AuditAction;
import org.confidant.shared.AuditActor;
import org.confidant.shared.AuditRecord;
import org.confidant.shared.AuditedEvent;
import org.confidant.shared.MemberId;
import org.confidant.shared.WorkspaceId;
import org.springframework.modulith.NamedInterface;

/**
 * A member issued an invitation link (the link itself is never recorded): recorded as
 * {@code member.invited} with the {@code role} it gives.
 */
@NamedInterface("api")
public record MemberInvited(WorkspaceId workspaceId, MemberId actorId, Role role) implements AuditedEvent {

    @Override
    public AuditRecord auditRecord() {
        return AuditRecord.of(workspaceId, AuditAction.MEMBER_INVITED, AuditActor.member(actorId))
            .details(Map.of("role", role.name().toLowerCase(Locale.ROOT)));
    }
}
