package org.confidant.sso;

import java.util.Map;
import java.util.UUID;

import org.confidant.shared.AuditAction;
import org.confidant.shared.AuditActor;
import org.confidant.shared.AuditRecord;
import org.confidant.shared.AuditedEvent;
import org.confidant.shared.MemberId;
import org.confidant.shared.WorkspaceId;

/** The workspace's "SSO required" policy was switched on or off. */
public record SsoRequiredChanged(WorkspaceId workspaceId, MemberId actor, UUID providerId,
        boolean required) implements AuditedEvent {

    @Override
    public AuditRecord auditRecord() {
        return AuditRecord.of(workspaceId, AuditAction.POLICY_SSO_REQUIRED_CHANGED, AuditActor.member(actor))
            .on("sso_provider", providerId)
            .details(Map.of("required", Boolean.toString(required)));
    }
}
