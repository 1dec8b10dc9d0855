package org.confidant.inbox;

import org.confidant.shared.AuditAction;
import org.confidant.shared.AuditActor;
import org.confidant.shared.AuditRecord;
import org.confidant.shared.AuditedEvent;
import org.confidant.shared.InboxId;
import org.confidant.shared.MemberId;
import org.confidant.shared.WorkspaceId;
import org.springframework.modulith.NamedInterface;

/** A member created an inbox: recorded as {@code inbox.created}. */
@NamedInterface("api")
public record InboxCreated(WorkspaceId workspaceId, MemberId actor, InboxId inboxId) implements AuditedEvent {

    @Override
    public AuditRecord auditRecord() {
        return AuditRecord.of(workspaceId, AuditAction.INBOX_CREATED, AuditActor.member(actor)).on("inbox", inboxId);
    }
}
