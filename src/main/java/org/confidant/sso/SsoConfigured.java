package org.confidant.sso;

import java.util.Map;
import java.util.UUID;

import org.confidant.shared.AuditAction;
import org.confidant.shared.AuditActor;
import org.confidant.shared.AuditRecord;
import org.confidant.shared.AuditedEvent;
import org.confidant.shared.MemberId;
import org.confidant.shared.WorkspaceId;

/**
 * A workspace's OpenID Connect provider was set up or changed (the details name the
 * issuer, never the secret).
 */
public record SsoConfigured(WorkspaceId workspaceId, MemberId actor, UUID providerId,
        String issuer) implements AuditedEvent {

    @Override
    public AuditRecord auditRecord() {
        return AuditRecord.of(workspaceId, AuditAction.SSO_CONFIGURED, AuditActor.member(actor))
            .on("sso_provider", providerId)
            .details(Map.of("issuer", issuer));
    }
}
