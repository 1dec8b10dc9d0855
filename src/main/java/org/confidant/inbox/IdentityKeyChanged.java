package org.confidant.inbox;

import java.util.Map;

import org.confidant.shared.AuditActor;
import org.confidant.shared.AuditedEvent;
import org.confidant.shared.InboxId;
import org.confidant.shared.MemberId;
import org.confidant.shared.WorkspaceId;

/**
 * An inbox's identity verification changed: a key added or retired, or the "verified visitors only" policy switched.
 */
public record IdentityKeyChanged(WorkspaceId workspaceId, InboxId inboxId, MemberId actor, Change change,
        Map<String, String> details) implements AuditedEvent {

    public enum Change { KEY_ADDED, KEY_RETIRED, REQUIRED_CHANGED }

    public IdentityKeyChanged {
        details = Map.copyOf(details);
    }

    @Override
    public String auditAction() {
        return switch (change) {
            case KEY_ADDED -> "inbox.identity_key_added";
            case KEY_RETIRED -> "inbox.identity_key_retired";
            case REQUIRED_CHANGED -> "inbox.identity_required_changed";
        };
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
        return details;
    }
}
