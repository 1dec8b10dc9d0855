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
 * The second step of a sign-in passed or failed. Carries which kind of code was offered,
 * never the code.
 *
 * @param method {@code totp}, {@code recovery_code} or {@code passkey}
 */
@NamedInterface("api")
public record SecondFactorChecked(WorkspaceId workspaceId, MemberId memberId, String email, boolean passed,
        String method) implements AuditedEvent {

    @Override
    public AuditRecord auditRecord() {
        return AuditRecord
            .of(workspaceId,
                    passed ? AuditAction.SIGN_IN_SECOND_FACTOR_SUCCEEDED : AuditAction.SIGN_IN_SECOND_FACTOR_FAILED,
                    AuditActor.member(memberId, email))
            .on("member", memberId.value())
            .outcome(passed ? AuditOutcome.SUCCESS : AuditOutcome.FAILURE)
            .details(Map.of("method", method));
    }
}
