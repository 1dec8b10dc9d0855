package org.confidant.signin;

import java.time.Duration;
import java.util.Map;

import org.confidant.shared.AuditAction;
import org.confidant.shared.AuditActor;
import org.confidant.shared.AuditRecord;
import org.confidant.shared.AuditedEvent;
import org.confidant.shared.MemberId;
import org.confidant.shared.WorkspaceId;
import org.springframework.modulith.NamedInterface;

/**
 * A workspace's session idle timeout or absolute lifetime changed; open sessions follow
 * at once.
 */
@NamedInterface("api")
public record SessionLimitsChanged(WorkspaceId workspaceId, MemberId actor, String actorLabel, Duration idleTimeout,
        Duration absoluteLifetime) implements AuditedEvent {

    @Override
    public AuditRecord auditRecord() {
        return AuditRecord
            .of(workspaceId, AuditAction.POLICY_SESSION_LIMITS_CHANGED, AuditActor.member(actor, actorLabel))
            .on("workspace", workspaceId.value())
            .details(Map.of("idle_timeout", idleTimeout.toString(), "absolute_lifetime", absoluteLifetime.toString()));
    }
}
