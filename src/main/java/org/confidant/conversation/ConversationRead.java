package org.confidant.conversation;

import org.confidant.shared.AuditAction;
import org.confidant.shared.AuditActor;
import org.confidant.shared.AuditRecord;
import org.confidant.shared.AuditedEvent;
import org.confidant.shared.ConversationId;
import org.confidant.shared.MemberId;
import org.confidant.shared.WorkspaceId;
import org.springframework.modulith.NamedInterface;

/**
 * A member opened a conversation in the dashboard: recorded as {@code conversation.read},
 * once per member, conversation and session per 10 minutes.
 */
@NamedInterface("api")
public record ConversationRead(WorkspaceId workspaceId, MemberId memberId,
        ConversationId conversationId) implements AuditedEvent {

    @Override
    public AuditRecord auditRecord() {
        return AuditRecord.of(workspaceId, AuditAction.CONVERSATION_READ, AuditActor.member(memberId))
            .on("conversation", conversationId);
    }
}
