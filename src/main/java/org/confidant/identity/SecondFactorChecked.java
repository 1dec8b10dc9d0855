package org.confidant.identity;

import java.util.Map;

import org.confidant.shared.AuditActor;
import org.confidant.shared.AuditOutcome;
import org.confidant.shared.AuditedEvent;
import org.confidant.shared.MemberId;
import org.confidant.shared.WorkspaceId;

/**
 * The second step of a sign-in passed or failed. Carries which kind of code was offered, never the code.
 *
 * @param method {@code totp}, {@code recovery_code} or {@code passkey}
 */
public record SecondFactorChecked(WorkspaceId workspaceId, MemberId memberId, String email, boolean passed,
        String method) implements AuditedEvent {

    @Override
    public String auditAction() {
        if (passed) {
            return "sign_in.second_factor_succeeded";
        }
        return "sign_in.second_factor_failed";
    }

    @Override
    public AuditActor auditActor() {
        return AuditActor.member(memberId, email);
    }

    @Override
    public String auditTarget() {
        return "member:" + memberId.value();
    }

    @Override
    public AuditOutcome auditOutcome() {
        return passed ? AuditOutcome.SUCCESS : AuditOutcome.FAILURE;
    }

    @Override
    public Map<String, String> auditDetails() {
        return Map.of("method", method);
    }
}
