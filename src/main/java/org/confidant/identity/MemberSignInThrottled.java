package org.confidant.identity;

import java.time.Instant;
import java.util.Map;

import org.confidant.shared.AuditActor;
import org.confidant.shared.AuditOutcome;
import org.confidant.shared.AuditedEvent;
import org.confidant.shared.MemberId;
import org.confidant.shared.WorkspaceId;

/**
 * Sign-ins for a member's email are being slowed down ({@link SignInThrottled} of kind {@code ACCOUNT}): recorded as
 * {@code sign_in.throttled} in each workspace the account belongs to.
 */
public record MemberSignInThrottled(WorkspaceId workspaceId, MemberId memberId, int failures, Instant until)
        implements AuditedEvent {

    @Override
    public String auditAction() {
        return "sign_in.throttled";
    }

    @Override
    public AuditActor auditActor() {
        return AuditActor.system();
    }

    @Override
    public String auditTarget() {
        return "member:" + memberId;
    }

    @Override
    public AuditOutcome auditOutcome() {
        return AuditOutcome.DENIED;
    }

    @Override
    public Map<String, String> auditDetails() {
        return Map.of("failures", Integer.toString(failures), "until", until.toString());
    }
}
