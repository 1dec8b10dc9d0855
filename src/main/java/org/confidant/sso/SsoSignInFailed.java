package org.confidant.sso;

import java.util.Map;
import java.util.UUID;

import org.confidant.shared.AuditActor;
import org.confidant.shared.AuditOutcome;
import org.confidant.shared.AuditedEvent;
import org.confidant.shared.WorkspaceId;

/**
 * A sign-in through a workspace's OpenID Connect provider was refused.
 *
 * @param reason an OAuth 2.0 or Confidant error code (for example {@code invalid_id_token}, {@code email_taken}),
 *               never a token or a claim's value
 */
public record SsoSignInFailed(WorkspaceId workspaceId, UUID providerId, String reason) implements AuditedEvent {

    @Override
    public String auditAction() {
        return "sign_in.sso_failed";
    }

    @Override
    public AuditActor auditActor() {
        return AuditActor.anonymous();
    }

    @Override
    public String auditTarget() {
        return "sso_provider:" + providerId;
    }

    @Override
    public AuditOutcome auditOutcome() {
        return AuditOutcome.FAILURE;
    }

    @Override
    public Map<String, String> auditDetails() {
        return Map.of("reason", reason);
    }
}
