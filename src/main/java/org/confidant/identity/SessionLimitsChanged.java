package org.confidant.identity;

import java.time.Duration;
import java.util.Map;

import org.confidant.shared.AuditActor;
import org.confidant.shared.AuditedEvent;
import org.confidant.shared.MemberId;
import org.confidant.shared.WorkspaceId;

/** A workspace's session idle timeout or absolute lifetime changed; open sessions follow at once. */
public record SessionLimitsChanged(WorkspaceId workspaceId, MemberId actor, String actorLabel, Duration idleTimeout,
        Duration absoluteLifetime) implements AuditedEvent {

    @Override
    public String auditAction() {
        return "policy.session_limits_changed";
    }

    @Override
    public AuditActor auditActor() {
        return AuditActor.member(actor, actorLabel);
    }

    @Override
    public String auditTarget() {
        return "workspace:" + workspaceId.value();
    }

    @Override
    public Map<String, String> auditDetails() {
        return Map.of("idle_timeout", idleTimeout.toString(), "absolute_lifetime", absoluteLifetime.toString());
    }
}
