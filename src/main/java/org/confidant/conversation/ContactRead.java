package org.confidant.conversation;

import org.confidant.shared.AuditAction;
import org.confidant.shared.AuditActor;
import org.confidant.shared.AuditRecord;
import org.confidant.shared.AuditedEvent;
import org.confidant.shared.ContactId;
import org.confidant.shared.MemberId;
import org.confidant.shared.WorkspaceId;
import org.springframework.modulith.NamedInterface;

/**
 * A member saw a contact's card (opening one of their conversations): recorded as
 * {@code contact.read}, once per member, contact and session per 10 minutes.
 */
@NamedInterface("api")
public record ContactRead(WorkspaceId workspaceId, MemberId memberId, ContactId contactId) implements AuditedEvent {

    @Override
    public AuditRecord auditRecord() {
        return AuditRecord.of(workspaceId, AuditAction.CONTACT_READ, AuditActor.member(memberId))
            .on("contact", contactId);
    }
}
