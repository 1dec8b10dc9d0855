package org.confidant.conversation;

import org.confidant.shared.AuditActor;
import org.confidant.shared.AuditedEvent;
import org.confidant.shared.ConversationId;
import org.confidant.shared.MemberId;
import org.confidant.shared.WorkspaceId;

/**
 * A member opened a conversation in the dashboard: recorded as {@code conversation.read}, once per member,
 * conversation and session per 10 minutes.
 */
public record ConversationRead(WorkspaceId workspaceId, MemberId memberId, ConversationId conversationId) implements AuditedEvent {

    @Override
    public String auditAction() {
        return "conversation.read";
    }

    @Override
    public AuditActor auditActor() {
        return AuditActor.member(memberId, "");
    }

    @Override
    public String auditTarget() {
        return "conversation:" + conversationId;
    }
}
