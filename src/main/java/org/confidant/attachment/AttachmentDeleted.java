package org.confidant.attachment;

import java.util.Map;

import org.confidant.shared.AuditAction;
import org.confidant.shared.AuditActor;
import org.confidant.shared.AuditRecord;
import org.confidant.shared.AuditedEvent;
import org.confidant.shared.WorkspaceId;

/** An attachment's content was deleted by a member; its links stop working at once. */
public record AttachmentDeleted(Attachment attachment, AuditActor actor) implements AuditedEvent {

    public WorkspaceId workspaceId() {
        return attachment.workspaceId();
    }

    @Override
    public AuditRecord auditRecord() {
        return AuditRecord.of(workspaceId(), AuditAction.ATTACHMENT_DELETED, actor)
            .on("attachment", attachment.id())
            .details(Map.of("conversation", attachment.conversationId().toString()));
    }
}
