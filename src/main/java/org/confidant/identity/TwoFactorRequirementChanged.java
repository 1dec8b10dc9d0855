package org.confidant.identity;

import java.util.Map;

import org.confidant.shared.AuditActor;
import org.confidant.shared.AuditedEvent;
import org.confidant.shared.MemberId;
import org.confidant.shared.WorkspaceId;

/** A workspace's "2FA required" policy was switched on or off. */
public record TwoFactorRequirementChanged(WorkspaceId workspaceId, MemberId actor, String actorLabel, boolean required)
        implements AuditedEvent {

    @Override
    public String auditAction() {
        return "policy.two_factor_required_changed";
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
        return Map.of("required", Boolean.toString(required));
    }
}
