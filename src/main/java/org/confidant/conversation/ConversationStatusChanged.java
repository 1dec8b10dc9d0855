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
 * A member resolved or reopened a conversation: recorded as {@code conversation.resolved}
 * or {@code conversation.reopened}. A visitor's message that reopens a conversation is
 * not a member's act and is not recorded.
 */
@NamedInterface("api")
public record ConversationStatusChanged(WorkspaceId workspaceId, MemberId actor, ConversationId conversationId,
        ConversationStatus status) implements AuditedEvent {

    @Override
    public AuditRecord auditRecord() {
        AuditAction action = status == ConversationStatus.RESOLVED ? AuditAction.CONVERSATION_RESOLVED
                : AuditAction.CONVERSATION_REOPENED;
        return AuditRecord.of(workspaceId, action, AuditActor.member(actor)).on("conversation", conversationId);
    }
}
