package org.confidant.attachment;

import java.util.Map;

import org.confidant.shared.AuditAction;
import org.confidant.shared.AuditActor;
import org.confidant.shared.AuditOutcome;
import org.confidant.shared.AuditRecord;
import org.confidant.shared.AuditedEvent;
import org.confidant.shared.WorkspaceId;

/**
 * An upload was refused and nothing was kept: {@code reason} is the refusal's code (too
 * large, type not allowed, malware found, quota reached, scanner unavailable...),
 * {@code malware} the signature clamd named, if any. {@code target} is the conversation,
 * or the visitor's contact before they have one.
 */
public record AttachmentRejected(WorkspaceId workspaceId, AuditActor actor, String target, String reason,
        String malware) implements AuditedEvent {

    @Override
    public AuditRecord auditRecord() {
        return new AuditRecord(workspaceId, AuditAction.ATTACHMENT_REJECTED, actor, target, AuditOutcome.FAILURE,
                malware == null ? Map.of("reason", reason) : Map.of("reason", reason, "malware", malware));
    }
}
