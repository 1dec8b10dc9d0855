package org.confidant.access;

import java.util.UUID;

import org.confidant.shared.AuditAction;
import org.confidant.shared.AuditActor;
import org.confidant.shared.AuditRecord;
import org.confidant.shared.AuditedEvent;
import org.confidant.shared.MemberId;
import org.confidant.shared.WorkspaceId;
import org.springframework.modulith.NamedInterface;

/**
 * A member revoked an invitation before it was accepted: recorded as
 * {@code invitation.revoked}, done to the invitation (the id {@code member.invited}
 * names).
 */
@NamedInterface("api")
public record InvitationRevoked(WorkspaceId workspaceId, MemberId actorId, UUID invitationId) implements AuditedEvent {

    @Override
    public AuditRecord auditRecord() {
        return AuditRecord.of(workspaceId, AuditAction.INVITATION_REVOKED, AuditActor.member(actorId))
            .on("invitation", invitationId);
    }

}
