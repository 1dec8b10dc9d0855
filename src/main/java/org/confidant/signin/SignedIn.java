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
 * A member signed in to the dashboard: recorded as {@code sign_in.succeeded}.
 *
 * @param method {@code password} or {@code passkey} (the first step; a second factor is
 * recorded on its own)
 */
@NamedInterface("api")
public record SignedIn(WorkspaceId workspaceId, MemberId memberId, String method) implements AuditedEvent {

    @Override
    public AuditRecord auditRecord() {
        return AuditRecord.of(workspaceId, AuditAction.SIGN_IN_SUCCEEDED, AuditActor.member(memberId))
            .on("member", memberId)
            .details(Map.of("method", method));
    }
}
