package org.confidant.signin;

import java.util.Map;

import org.confidant.shared.AuditAction;
import org.confidant.shared.AuditActor;
import org.confidant.shared.AuditOutcome;
import org.confidant.shared.AuditRecord;
import org.confidant.shared.AuditedEvent;
import org.confidant.shared.MemberId;
import org.confidant.shared.WorkspaceId;
import org.springframework.modulith.NamedInterface;

/**
 * Someone failed to sign in as a member (wrong password): recorded as
 * {@code sign_in.failed} in each workspace the account belongs to. A failure for an email
 * no account has is recorded nowhere (no workspace owns it), which keeps what the log
 * shows of an email the same whether or not an account has it.
 *
 * @param reason why it failed, in a word ({@code bad_credentials}, {@code disabled}...)
 */
@NamedInterface("api")
public record SignInFailed(WorkspaceId workspaceId, MemberId memberId, String reason) implements AuditedEvent {

    @Override
    public AuditRecord auditRecord() {
        return AuditRecord.of(workspaceId, AuditAction.SIGN_IN_FAILED, AuditActor.anonymous())
            .on("member", memberId)
            .outcome(AuditOutcome.FAILURE)
            .details(Map.of("reason", reason));
    }
}
