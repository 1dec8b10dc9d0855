package org.confidant.inbox;

import java.util.Map;

import org.confidant.shared.AuditActor;
import org.confidant.shared.AuditOutcome;
import org.confidant.shared.AuditedEvent;
import org.confidant.shared.InboxId;
import org.confidant.shared.MemberId;
import org.confidant.shared.WorkspaceId;

/**
 * An inbox's identity verification changed: a key added or retired, or the "verified visitors only" policy switched.
 *
 * @param action {@code inbox.identity_key_added}, {@code inbox.identity_key_retired} or
 *               {@code inbox.identity_required_changed}
 */
public record IdentityKeyChanged(WorkspaceId workspaceId, InboxId inboxId, MemberId actor, String action,
        Map<String, String> details) implements AuditedEvent {

    public IdentityKeyChanged {
        details = Map.copyOf(details);
    }

    @Override
    public String auditAction() {
        return action;
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
    public AuditOutcome auditOutcome() {
        return AuditOutcome.SUCCESS;
    }

    @Override
    public Map<String, String> auditDetails() {
        return details;
    }
}
