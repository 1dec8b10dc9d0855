package org.confidant.attachment;

import java.util.Map;

import org.confidant.shared.AuditAction;
import org.confidant.shared.AuditActor;
import org.confidant.shared.AuditRecord;
import org.confidant.shared.AuditedEvent;
import org.confidant.shared.WorkspaceId;

/**
 * A file was accepted, stored and posted in its conversation. The log keeps its type and
 * size, never its name.
 */
public record AttachmentUploaded(Attachment attachment, AuditActor actor) implements AuditedEvent {

    public WorkspaceId workspaceId() {
        return attachment.workspaceId();
    }

    @Override
    public AuditRecord auditRecord() {
        return AuditRecord.of(workspaceId(), AuditAction.ATTACHMENT_UPLOADED, actor)
            .on("attachment", attachment.id())
            .details(Map.of("conversation", attachment.conversationId().toString(), "type", attachment.contentType(),
                    "size", Long.toString(attachment.size())));
    }
}
