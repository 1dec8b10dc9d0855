package org.confidant.sso;

import java.util.Map;
import java.util.UUID;

import org.confidant.shared.AuditActor;
import org.confidant.shared.AuditedEvent;
import org.confidant.shared.MemberId;
import org.confidant.shared.WorkspaceId;

/** The workspace's "SSO required" policy was switched on or off. */
public record SsoRequiredChanged(WorkspaceId workspaceId, MemberId actor, UUID providerId, boolean required)
        implements AuditedEvent {

    @Override
    public String auditAction() {
        return "policy.sso_required_changed";
    }

    @Override
    public AuditActor auditActor() {
        return AuditActor.member(actor, "");
    }

    @Override
    public String auditTarget() {
        return "sso_provider:" + providerId;
    }

    @Override
    public Map<String, String> auditDetails() {
        return Map.of("required", Boolean.toString(required));
    }
}
