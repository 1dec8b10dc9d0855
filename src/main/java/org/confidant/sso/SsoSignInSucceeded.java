package org.confidant.sso;

import java.util.UUID;

import org.confidant.shared.AuditAction;
import org.confidant.shared.AuditActor;
import org.confidant.shared.AuditRecord;
import org.confidant.shared.AuditedEvent;
import org.confidant.shared.MemberId;
import org.confidant.shared.WorkspaceId;

/** A member signed in through their workspace's OpenID Connect provider. */
public record SsoSignInSucceeded(WorkspaceId workspaceId, MemberId member, String email,
        UUID providerId) implements AuditedEvent {

    @Override
    public AuditRecord auditRecord() {
        return AuditRecord.of(workspaceId, AuditAction.SIGN_IN_SSO_SUCCEEDED, AuditActor.member(member, email))
            .on("sso_provider", providerId);
    }
}
