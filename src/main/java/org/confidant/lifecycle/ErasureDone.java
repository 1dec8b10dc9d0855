package org.confidant.lifecycle;

import java.util.Map;
import java.util.UUID;

import org.confidant.shared.AuditAction;
import org.confidant.shared.AuditActor;
import org.confidant.shared.AuditRecord;
import org.confidant.shared.AuditedEvent;
import org.confidant.shared.MemberId;
import org.confidant.shared.WorkspaceId;

/**
 * An erasure a member asked for is done and its receipt signed: ids and counts only
 * (never an email or a name).
 */
public record ErasureDone(WorkspaceId workspaceId, MemberId requester, UUID receipt, long contacts, long conversations,
        long messages, long attachments) implements AuditedEvent {

    @Override
    public AuditRecord auditRecord() {
        return AuditRecord
            .of(workspaceId, AuditAction.CONTACT_ERASED,
                    requester == null ? AuditActor.system() : AuditActor.member(requester))
            .on("receipt", receipt)
            .details(Map.of("contacts", Long.toString(contacts), "conversations", Long.toString(conversations), "posts",
                    Long.toString(messages), "attachments", Long.toString(attachments)));
    }
}
