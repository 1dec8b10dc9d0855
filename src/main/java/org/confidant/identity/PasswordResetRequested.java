package org.confidant.identity;

import java.util.Map;

import org.confidant.shared.AuditAction;
import org.confidant.shared.AuditActor;
import org.confidant.shared.AuditRecord;
import org.confidant.shared.AuditedEvent;
import org.confidant.shared.MemberId;
import org.confidant.shared.WorkspaceId;
import org.springframework.modulith.NamedInterface;

/**
 * Someone asked for a password-reset link for a member's account: recorded as
 * {@code password.reset_requested} in each workspace the account belongs to (a request
 * for an email no account has is recorded nowhere).
 *
 * @param address the address the request came from (it is recorded after the request has
 * been answered, so it is named here rather than read from the request)
 */
@NamedInterface("api")
public record PasswordResetRequested(WorkspaceId workspaceId, MemberId memberId,
        String address) implements AuditedEvent {

    @Override
    public AuditRecord auditRecord() {
        return AuditRecord.of(workspaceId, AuditAction.PASSWORD_RESET_REQUESTED, AuditActor.anonymous())
            .on("member", memberId)
            .details(Map.of("from", address));
    }
}
