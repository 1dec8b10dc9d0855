package org.confidant.attachment;

import java.util.Map;

import org.confidant.shared.AuditActor;
import org.confidant.shared.AuditedEvent;
import org.confidant.shared.WorkspaceId;

/** An attachment's content was deleted by a member; its links stop working at once. */
public record AttachmentDeleted(Attachment attachment, AuditActor actor) implements AuditedEvent {

    @Override
    public WorkspaceId workspaceId() {
        return attachment.workspaceId();
    }

    @Override
    public String auditAction() {
        return "attachment.deleted";
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
        return Map.of("conversation", attachment.conversationId().toString());
    }
}
