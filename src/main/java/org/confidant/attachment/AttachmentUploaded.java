package org.confidant.attachment;

import java.util.Map;

import org.confidant.shared.AuditActor;
import org.confidant.shared.AuditedEvent;
import org.confidant.shared.WorkspaceId;

/** A file was accepted, stored and posted in its conversation. The log keeps its type and size, never its name. */
public record AttachmentUploaded(Attachment attachment, AuditActor actor) implements AuditedEvent {

    @Override
    public WorkspaceId workspaceId() {
        return attachment.workspaceId();
    }

    @Override
    public String auditAction() {
        return "attachment.uploaded";
    }

    @Override
    public AuditActor auditActor() {
        return actor;
    }

    @Override
    public String auditTarget() {
        return "attachment:" + attachment.id();
    }

    @Override
    public Map<String, String> auditDetails() {
        return Map.of("conversation", attachment.conversationId().toString(), "type", attachment.contentType(),
                "size", Long.toString(attachment.size()));
    }
}
