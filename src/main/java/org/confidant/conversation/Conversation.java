package org.confidant.conversation;

import java.time.Instant;

import org.confidant.shared.ContactId;
import org.confidant.shared.ConversationId;
import org.confidant.shared.InboxId;
import org.confidant.shared.MemberId;
import org.confidant.shared.WorkspaceId;
import org.springframework.modulith.NamedInterface;

/**
 * A conversation between a contact and the workspace's agents. {@code assignee} is null
 * when unassigned.
 */
@NamedInterface("api")
public record Conversation(ConversationId id, WorkspaceId workspaceId, InboxId inboxId, ContactId contactId,
        ConversationStatus status, MemberId assignee, long lastSeq, Instant lastMessageAt, Instant createdAt) {
}
