package org.confidant.sso;

import java.util.Map;
import java.util.UUID;

import org.confidant.shared.AuditActor;
import org.confidant.shared.AuditedEvent;
import org.confidant.shared.MemberId;
import org.confidant.shared.WorkspaceId;

/** A workspace's OpenID Connect provider was set up or changed (the details name the issuer, never the secret). */
public record SsoConfigured(WorkspaceId workspaceId, MemberId actor, UUID providerId, String issuer)
        implements AuditedEvent {

    @Override
    public String auditAction() {
        return "sso.configured";
    }

    @Override
    public AuditActor auditActor() {
        return AuditActor.member(actor, "");
    }

    @Override
    public String auditTarget() {
        return "sso_provider:" + providerId;
    }

    @Override
    public Map<String, String> auditDetails() {
        return Map.of("issuer", issuer);
    }
}
