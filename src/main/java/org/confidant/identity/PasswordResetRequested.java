package org.confidant.identity;

import java.util.Map;

import org.confidant.shared.AuditActor;
import org.confidant.shared.AuditedEvent;
import org.confidant.shared.MemberId;
import org.confidant.shared.WorkspaceId;

/**
 * Someone asked for a password-reset link for a member's account: recorded as {@code password.reset_requested} in
 * each workspace the account belongs to (a request for an email no account has is recorded nowhere).
 *
 * @param address the address the request came from (it is recorded after the request has been answered, so it is
 *                named here rather than read from the request)
 */
public record PasswordResetRequested(WorkspaceId workspaceId, MemberId memberId, String address)
        implements AuditedEvent {

    @Override
    public String auditAction() {
        return "password.reset_requested";
    }

    @Override
    public AuditActor auditActor() {
        return AuditActor.anonymous();
    }

    @Override
    public String auditTarget() {
        return "member:" + memberId;
    }

    @Override
    public Map<String, String> auditDetails() {
        return Map.of("from", address);
    }
}
