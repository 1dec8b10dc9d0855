package org.confidant.contact;

import org.confidant.shared.AuditAction;
import org.confidant.shared.AuditActor;
import org.confidant.shared.AuditRecord;
import org.confidant.shared.AuditedEvent;
import org.confidant.shared.ContactId;
import org.confidant.shared.InboxId;
import org.confidant.shared.MemberId;
import org.confidant.shared.WorkspaceId;
import org.springframework.modulith.NamedInterface;

/**
 * A member blocked a contact, or lifted its block: recorded as {@code contact.blocked} or
 * {@code contact.unblocked}. Published inside that transaction, so that what listens to
 * it (the widget revokes a blocked contact's visitor sessions and refuses its address)
 * commits with it or not at all.
 *
 * @param inboxId the inbox the contact belongs to
 */
@NamedInterface("api")
public record ContactBlockChanged(WorkspaceId workspaceId, MemberId by, ContactId contactId, InboxId inboxId,
        boolean blocked) implements AuditedEvent {

    @Override
    public AuditRecord auditRecord() {
        return AuditRecord
            .of(workspaceId, blocked ? AuditAction.CONTACT_BLOCKED : AuditAction.CONTACT_UNBLOCKED,
                    AuditActor.member(by))
            .on("contact", contactId);
    }
}
