package org.confidant.sso;

import java.util.Map;
import java.util.UUID;

import org.confidant.shared.AuditAction;
import org.confidant.shared.AuditActor;
import org.confidant.shared.AuditOutcome;
import org.confidant.shared.AuditRecord;
import org.confidant.shared.AuditedEvent;
import org.confidant.shared.WorkspaceId;

/**
 * A sign-in through a workspace's OpenID Connect provider was refused.
 *
 * @param reason an OAuth 2.0 or Confidant error code (for example
 * {@code invalid_id_token}, {@code email_taken}), never a token or a claim's value
 */
public record SsoSignInFailed(WorkspaceId workspaceId, UUID providerId, String reason) implements AuditedEvent {

    @Override
    public AuditRecord auditRecord() {
        return AuditRecord.of(workspaceId, AuditAction.SIGN_IN_SSO_FAILED, AuditActor.anonymous())
            .on("sso_provider", providerId)
            .outcome(AuditOutcome.FAILURE)
            .details(Map.of("reason", reason));
    }
}
