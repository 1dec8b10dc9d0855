package org.confidant.routing;

import java.util.Map;

import org.confidant.shared.AuditAction;
import org.confidant.shared.AuditActor;
import org.confidant.shared.AuditRecord;
import org.confidant.shared.AuditedEvent;
import org.confidant.shared.MemberId;
import org.confidant.shared.WorkspaceId;
import org.springframework.modulith.NamedInterface;

/**
 * A member set an inbox's routing: round-robin on or off, and the limit of open
 * conversations per agent.
 */
@NamedInterface("api")
public record InboxRoutingChanged(WorkspaceId workspaceId, MemberId actor,
        InboxRouting routing) implements AuditedEvent {

    @Override
    public AuditRecord auditRecord() {
        return AuditRecord.of(workspaceId, AuditAction.INBOX_ROUTING_CHANGED, AuditActor.member(actor))
            .on("inbox", routing.inboxId())
            .details(Map.of("round_robin", String.valueOf(routing.roundRobin()), "open_limit",
                    String.valueOf(routing.openLimit())));
    }
}
