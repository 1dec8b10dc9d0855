package org.confidant.conversation;

import java.util.List;

import org.confidant.shared.ConversationId;
import org.confidant.shared.WorkspaceId;
import org.springframework.modulith.NamedInterface;

/**
 * Conversations are being deleted with their messages (a retention window ran out, or
 * their contact is erased). Published inside the deleting transaction, before their rows
 * go: each module that keeps something of them deletes it in its listener (the attachment
 * module its rows, and its stored objects once the transaction commits).
 */
@NamedInterface("api")
public record ConversationsPurged(WorkspaceId workspaceId, List<ConversationId> conversationIds) {

    public ConversationsPurged {
        conversationIds = List.copyOf(conversationIds);
    }
}
