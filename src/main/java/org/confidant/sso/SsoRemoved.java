package org.confidant.sso;

import java.util.UUID;

import org.confidant.shared.AuditAction;
import org.confidant.shared.AuditActor;
import org.confidant.shared.AuditRecord;
import org.confidant.shared.AuditedEvent;
import org.confidant.shared.MemberId;
import org.confidant.shared.WorkspaceId;

/**
 * A workspace's OpenID Connect provider was removed (and with it the "SSO required"
 * policy).
 */
public record SsoRemoved(WorkspaceId workspaceId, MemberId actor, UUID providerId) implements AuditedEvent {

    @Override
    public AuditRecord auditRecord() {
        return AuditRecord.of(workspaceId, AuditAction.SSO_REMOVED, AuditActor.member(actor))
            .on("sso_provider", providerId);
    }
}
