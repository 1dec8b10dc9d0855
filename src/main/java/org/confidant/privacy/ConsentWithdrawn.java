package org.confidant.privacy;

import org.confidant.shared.AuditAction;
import org.confidant.shared.AuditActor;
import org.confidant.shared.AuditRecord;
import org.confidant.shared.AuditedEvent;
import org.confidant.shared.ContactId;
import org.confidant.shared.InboxId;
import org.confidant.shared.WorkspaceId;
import org.springframework.modulith.NamedInterface;

/**
 * A visitor withdrew their consent in the widget: their consent records are gone, and
 * what listens deletes what the consent let it keep (the widget module ends the contact's
 * chat sessions; the erasure of the contact hangs off this event too). Recorded as
 * {@code consent.withdrawn}. Published inside the withdrawing transaction.
 */
@NamedInterface("api")
public record ConsentWithdrawn(WorkspaceId workspaceId, InboxId inboxId, ContactId contactId) implements AuditedEvent {

    @Override
    public AuditRecord auditRecord() {
        return AuditRecord
            .of(workspaceId, AuditAction.CONSENT_WITHDRAWN,
                    new AuditActor(AuditActor.Kind.VISITOR, contactId.value().toString(), ""))
            .on("contact", contactId);
    }

}
