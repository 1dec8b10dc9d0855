package org.confidant.sso;

import java.util.UUID;

import org.confidant.shared.AuditActor;
import org.confidant.shared.AuditedEvent;
import org.confidant.shared.MemberId;
import org.confidant.shared.WorkspaceId;

/** A member signed in through their workspace's OpenID Connect provider. */
public record SsoSignInSucceeded(WorkspaceId workspaceId, MemberId member, String email, UUID providerId)
        implements AuditedEvent {

    @Override
    public String auditAction() {
        return "sign_in.sso_succeeded";
    }

    @Override
    public AuditActor auditActor() {
        return AuditActor.member(member, email);
    }

    @Override
    public String auditTarget() {
        return "sso_provider:" + providerId;
    }
}
