package org.confidant.signin;

import java.util.Map;

import org.confidant.shared.AuditAction;
import org.confidant.shared.AuditActor;
import org.confidant.shared.AuditRecord;
import org.confidant.shared.AuditedEvent;
import org.confidant.shared.MemberId;
import org.confidant.shared.WorkspaceId;
import org.springframework.modulith.NamedInterface;

/** A workspace's "2FA required" policy was switched on or off. */
@NamedInterface("api")
public record TwoFactorRequirementChanged(WorkspaceId workspaceId, MemberId actor, String actorLabel,
        boolean required) implements AuditedEvent {

    @Override
    public AuditRecord auditRecord() {
        return AuditRecord
            .of(workspaceId, AuditAction.POLICY_TWO_FACTOR_REQUIRED_CHANGED, AuditActor.member(actor, actorLabel))
            .on("workspace", workspaceId.value())
            .details(Map.of("required", Boolean.toString(required)));
    }
}
