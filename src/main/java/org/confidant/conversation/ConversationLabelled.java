package org.confidant.conversation;

import java.util.Map;

import org.confidant.shared.AuditAction;
import org.confidant.shared.AuditActor;
import org.confidant.shared.AuditRecord;
import org.confidant.shared.AuditedEvent;
import org.confidant.shared.ConversationId;
import org.confidant.shared.MemberId;
import org.confidant.shared.WorkspaceId;
import org.springframework.modulith.NamedInterface;

/**
 * A member put a label on a conversation, or took it off: recorded as
 * {@code conversation.labelled} or {@code conversation.unlabelled} with the label's id
 * and name.
 */
@NamedInterface("api")
public record ConversationLabelled(WorkspaceId workspaceId, MemberId actorId, ConversationId conversationId,
        LabelId labelId, String labelName, boolean applied) implements AuditedEvent {

    @Override
    public AuditRecord auditRecord() {
        return AuditRecord
            .of(workspaceId, applied ? AuditAction.CONVERSATION_LABELLED : AuditAction.CONVERSATION_UNLABELLED,
                    AuditActor.member(actorId))
            .on("conversation", conversationId)
            .details(Map.of("label", labelId.toString(), "name", labelName));
    }

}
