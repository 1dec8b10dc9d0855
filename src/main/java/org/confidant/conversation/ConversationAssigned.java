package org.confidant.conversation;

import java.util.Map;

import org.confidant.shared.AuditAction;
import org.confidant.shared.AuditActor;
import org.confidant.shared.AuditRecord;
import org.confidant.shared.AuditedEvent;
import org.confidant.shared.ConversationId;
import org.confidant.shared.MemberId;
import org.confidant.shared.WorkspaceId;
import org.jspecify.annotations.Nullable;
import org.springframework.modulith.NamedInterface;

/**
 * A member assigned a conversation to a member ({@code assignee}), or unassigned it
 * ({@code assignee} null): recorded as {@code conversation.assigned}. {@code actor} is
 * null when round-robin routing assigned it: the system is the actor.
 */
@NamedInterface("api")
public record ConversationAssigned(WorkspaceId workspaceId, @Nullable MemberId actor, ConversationId conversationId,
        @Nullable MemberId assignee, @Nullable MemberId previous) implements AuditedEvent {

    @Override
    public AuditRecord auditRecord() {
        return AuditRecord
            .of(workspaceId, AuditAction.CONVERSATION_ASSIGNED,
                    actor == null ? AuditActor.system() : AuditActor.member(actor))
            .on("conversation", conversationId)
            .details(Map.of("assignee", assignee == null ? "none" : assignee.toString(), "previous",
                    previous == null ? "none" : previous.toString()));
    }
}
