package org.confidant.access;

import java.util.Locale;
import java.util.Map;
import java.util.UUID;

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
 * {@code member.invited}, done to the invitation (its id, which {@code member.joined}
 * names when it is accepted), with the {@code role} it gives.
 */
@NamedInterface("api")
public record MemberInvited(WorkspaceId workspaceId, MemberId actorId, Role role,
        UUID invitationId) implements AuditedEvent {

    @Override
    public AuditRecord auditRecord() {
        return AuditRecord.of(workspaceId, AuditAction.MEMBER_INVITED, AuditActor.member(actorId))
            .on("invitation", invitationId)
            .details(Map.of("role", role.name().toLowerCase(Locale.ROOT)));
    }
}
