package org.confidant.signin;

import java.util.Locale;
import java.util.Map;

import org.confidant.shared.AuditAction;
import org.confidant.shared.AuditActor;
import org.confidant.shared.AuditRecord;
import org.confidant.shared.AuditedEvent;
import org.confidant.shared.MemberId;
import org.confidant.shared.WorkspaceId;
import org.jspecify.annotations.Nullable;
import org.springframework.modulith.NamedInterface;

/**
 * A member's dashboard session has ended; recorded by the audit log as {@code sign_out}
 * (the member signed out), {@code session.revoked} (ended by the member from another
 * session, by an admin, by a password change, or because the membership ended) or
 * {@code session.expired} (idle timeout or absolute lifetime). (The servlet container
 * itself closes the sockets opened under the session.)
 *
 * @param sessionId the servlet session's id: a secret while the session lives, never part
 * of the audit entry
 * @param endedBy the member who ended it, or null when the system did
 */
@NamedInterface("api")
public record SessionEnded(WorkspaceId workspaceId, MemberId memberId, String sessionId, Cause cause,
        @Nullable MemberId endedBy) implements AuditedEvent {

    /** Why the session ended. */
    public enum Cause {

        SIGNED_OUT, REVOKED, MEMBERSHIP_ENDED, IDLE, LIFETIME

    }

    @Override
    public AuditRecord auditRecord() {
        AuditAction action = switch (cause) {
            case SIGNED_OUT -> AuditAction.SIGN_OUT;
            case REVOKED, MEMBERSHIP_ENDED -> AuditAction.SESSION_REVOKED;
            case IDLE, LIFETIME -> AuditAction.SESSION_EXPIRED;
        };
        return AuditRecord.of(workspaceId, action, endedBy == null ? AuditActor.system() : AuditActor.member(endedBy))
            .on("member", memberId)
            .details(Map.of("cause", cause.name().toLowerCase(Locale.ROOT)));
    }
}
