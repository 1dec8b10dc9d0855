package org.confidant.inbox;

import java.util.Map;

import org.confidant.shared.AuditActor;
import org.confidant.shared.AuditedEvent;
import org.confidant.shared.InboxId;
import org.confidant.shared.MemberId;
import org.confidant.shared.WorkspaceId;

/** A member replaced the list of origins allowed to embed an inbox's widget. The origins are public, not secret. */
public record InboxAllowedDomainsChanged(WorkspaceId workspaceId, MemberId actor, InboxId inboxId,
        AllowedDomains domains) implements AuditedEvent {

    @Override
    public String auditAction() {
        return "inbox.allowed_domains_changed";
    }

    @Override
    public AuditActor auditActor() {
        return AuditActor.member(actor, "");
    }

    @Override
    public String auditTarget() {
        return "inbox:" + inboxId;
    }

    @Override
    public Map<String, String> auditDetails() {
        return Map.of("origins", domains.asFrameAncestors());
    }
}
