package org.confidant.signin;

import java.time.Instant;
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
 * Sign-ins for a member's email are being slowed down ({@link SignInThrottled} of kind
 * {@code ACCOUNT}): recorded as {@code sign_in.throttled} in each workspace the account
 * belongs to.
 */
@NamedInterface("api")
public record MemberSignInThrottled(WorkspaceId workspaceId, MemberId memberId, int failures,
        Instant until) implements AuditedEvent {

    @Override
    public AuditRecord auditRecord() {
        return AuditRecord.of(workspaceId, AuditAction.SIGN_IN_THROTTLED, AuditActor.system())
            .on("member", memberId)
            .outcome(AuditOutcome.DENIED)
            .details(Map.of("failures", Integer.toString(failures), "until", until.toString()));
    }
}
