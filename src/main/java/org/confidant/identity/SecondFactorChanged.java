package org.confidant.identity;

import java.util.Map;

import org.confidant.shared.AuditActor;
import org.confidant.shared.AuditOutcome;
import org.confidant.shared.AuditedEvent;
import org.confidant.shared.MemberId;
import org.confidant.shared.WorkspaceId;

/**
 * A member enrolled or removed their second factor, or replaced their recovery codes (recorded in the workspace the
 * session acted in; the account's factor serves all its workspaces). Carries no secret and no code.
 */
public record SecondFactorChanged(WorkspaceId workspaceId, MemberId memberId, String email, Change change)
        implements AuditedEvent {

    public enum Change {
        ENROLLED("second_factor.enrolled"), REMOVED("second_factor.removed"),
        RECOVERY_CODES_REGENERATED("recovery_codes.regenerated");

        private final String action;

        Change(String action) {
            this.action = action;
        }
    }

    @Override
    public String auditAction() {
        return change.action;
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
        return AuditOutcome.SUCCESS;
    }

    @Override
    public Map<String, String> auditDetails() {
        return change == Change.REMOVED ? Map.of() : Map.of("method", "totp");
    }
}
