package org.confidant.identity;

import java.util.Map;

import org.confidant.shared.AuditActor;
import org.confidant.shared.AuditedEvent;
import org.confidant.shared.MemberId;
import org.confidant.shared.WorkspaceId;

/**
 * A member enrolled or removed their second factor, or replaced their recovery codes (recorded in the workspace the
 * session acted in; the account's factor serves all its workspaces). Carries no secret and no code.
 */
public record SecondFactorChanged(WorkspaceId workspaceId, MemberId memberId, String email, Change change)
        implements AuditedEvent {

    public enum Change { ENROLLED, REMOVED, RECOVERY_CODES_REGENERATED }

    @Override
    public String auditAction() {
        return switch (change) {
            case ENROLLED -> "second_factor.enrolled";
            case REMOVED -> "second_factor.removed";
            case RECOVERY_CODES_REGENERATED -> "recovery_codes.regenerated";
        };
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
    public Map<String, String> auditDetails() {
        return change == Change.REMOVED ? Map.of() : Map.of("method", "totp");
    }
}
