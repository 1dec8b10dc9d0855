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
 * An inbox's identity verification changed: a key added or retired, or the "verified
 * visitors only" policy switched.
 */
@NamedInterface("api")
public record IdentityKeyChanged(WorkspaceId workspaceId, InboxId inboxId, MemberId actor, Change change,
        Map<String, String> details) implements AuditedEvent {

    public enum Change {

        KEY_ADDED, KEY_RETIRED, REQUIRED_CHANGED

    }

    public IdentityKeyChanged {
        details = Map.copyOf(details);
    }

    @Override
    public AuditRecord auditRecord() {
        AuditAction action = switch (change) {
            case KEY_ADDED -> AuditAction.INBOX_IDENTITY_KEY_ADDED;
            case KEY_RETIRED -> AuditAction.INBOX_IDENTITY_KEY_RETIRED;
            case REQUIRED_CHANGED -> AuditAction.INBOX_IDENTITY_REQUIRED_CHANGED;
        };
        return AuditRecord.of(workspaceId, action, AuditActor.member(actor)).on("inbox", inboxId).details(details);
    }
}
