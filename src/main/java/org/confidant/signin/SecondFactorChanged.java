package org.confidant.signin;

import java.util.Map;

import org.confidant.shared.AuditAction;
import org.confidant.shared.AuditActor;
import org.confidant.shared.AuditRecord;
import org.confidant.shared.AuditedEvent;
import org.confidant.shared.MemberId;
import org.confidant.shared.WorkspaceId;
import org.springframework.modulith.NamedInterface;

/**
 * A member added or removed a second factor (an authenticator app or a passkey), or
 * replaced their recovery codes (recorded in the workspace the session acted in; the
 * account's factors serve all its workspaces). Carries no secret, no code, no credential
 * id or key: only which kind of factor changed.
 *
 * @param method {@code totp} or {@code passkey}; empty for recovery codes
 */
@NamedInterface("api")
public record SecondFactorChanged(WorkspaceId workspaceId, MemberId memberId, String email, Change change,
        String method) implements AuditedEvent {

    public enum Change {

        ENROLLED, REMOVED, RECOVERY_CODES_REGENERATED

    }

    public static final String TOTP = "totp";

    public static final String PASSKEY = "passkey";

    @Override
    public AuditRecord auditRecord() {
        AuditAction action = switch (change) {
            case ENROLLED -> AuditAction.SECOND_FACTOR_ENROLLED;
            case REMOVED -> AuditAction.SECOND_FACTOR_REMOVED;
            case RECOVERY_CODES_REGENERATED -> AuditAction.RECOVERY_CODES_REGENERATED;
        };
        return AuditRecord.of(workspaceId, action, AuditActor.member(memberId, email))
            .on("member", memberId.value())
            .details(method.isEmpty() ? Map.of() : Map.of("method", method));
    }
}
