package org.confidant.sso;

import java.util.UUID;

import org.confidant.shared.AuditActor;
import org.confidant.shared.AuditedEvent;
import org.confidant.shared.MemberId;
import org.confidant.shared.WorkspaceId;

/** A workspace's OpenID Connect provider was removed (and with it the "SSO required" policy). */
public record SsoRemoved(WorkspaceId workspaceId, MemberId actor, UUID providerId) implements AuditedEvent {

    @Override
    public String auditAction() {
        return "sso.removed";
    }

    @Override
    public AuditActor auditActor() {
        return AuditActor.member(actor, "");
    }

    @Override
    public String auditTarget() {
        return "sso_provider:" + providerId;
    }
}
