package org.confidant.egress;

import java.util.Map;

import org.confidant.shared.AuditAction;
import org.confidant.shared.AuditActor;
import org.confidant.shared.AuditRecord;
import org.confidant.shared.AuditedEvent;
import org.confidant.shared.WorkspaceId;
import org.springframework.modulith.NamedInterface;

/**
 * The egress gate refused an outbound connection of a workspace before it was made:
 * recorded as {@code egress.refused} with the flow, the host and why.
 */
@NamedInterface("api")
public record EgressRefused(WorkspaceId workspaceId, Flow flow, String host, String reason) implements AuditedEvent {

    @Override
    public AuditRecord auditRecord() {
        return AuditRecord.of(workspaceId, AuditAction.EGRESS_REFUSED, AuditActor.system())
            .details(Map.of("flow", flow.key(), "host", host, "reason", reason));
    }

}
