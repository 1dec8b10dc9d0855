package org.confidant.inbox;

import java.util.Map;

import org.confidant.shared.AuditAction;
import org.confidant.shared.AuditActor;
import org.confidant.shared.AuditRecord;
import org.confidant.shared.AuditedEvent;
import org.confidant.shared.InboxId;
import org.confidant.shared.MemberId;
import org.confidant.shared.WorkspaceId;
import org.springframework.modulith.NamedInterface;

/**
 * A member replaced the list of origins allowed to embed an inbox's widget. The origins
 * are public, not secret.
 */
@NamedInterface("api")
public record InboxAllowedDomainsChanged(WorkspaceId workspaceId, MemberId actor, InboxId inboxId,
        AllowedDomains domains) implements AuditedEvent {

    @Override
    public AuditRecord auditRecord() {
        return AuditRecord.of(workspaceId, AuditAction.INBOX_ALLOWED_DOMAINS_CHANGED, AuditActor.member(actor))
            .on("inbox", inboxId)
            .details(Map.of("origins", domains.asFrameAncestors()));
    }
}
