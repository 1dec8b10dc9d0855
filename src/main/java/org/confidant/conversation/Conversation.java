package org.confidant.conversation;

import java.time.Instant;

import org.confidant.shared.ContactId;
import org.confidant.shared.ConversationId;
import org.confidant.shared.InboxId;
import org.confidant.shared.MemberId;
import org.confidant.shared.WorkspaceId;
import org.jspecify.annotations.Nullable;
import org.springframework.modulith.NamedInterface;

/**
 * A conversation between a contact and the workspace's agents. {@code assignee} is null
 * when unassigned.
 */
@NamedInterface("api")
public record Conversation(ConversationId id, WorkspaceId workspaceId, InboxId inboxId, ContactId contactId,
        ConversationStatus status, @Nullable MemberId assignee, long lastSeq, @Nullable Instant lastMessageAt,
        Instant createdAt) {

    /** A new, open conversation of the contact, with no message yet. */
    static Conversation opened(WorkspaceId workspaceId, InboxId inboxId, ContactId contactId, Instant now) {
        return new Conversation(ConversationId.random(), workspaceId, inboxId, contactId, ConversationStatus.OPEN, null,
                0, null, now);
    }

    /**
     * The conversation after a message numbered {@code seq} at {@code at}; a visitor's
     * message reopens it.
     */
    Conversation posted(long seq, Instant at, AuthorKind by) {
        return new Conversation(id, workspaceId, inboxId, contactId,
                by == AuthorKind.VISITOR ? ConversationStatus.OPEN : status, assignee, seq, at, createdAt);
    }

    /** The conversation with another status and assignee (null: unassigned). */
    Conversation with(ConversationStatus status, @Nullable MemberId assignee) {
        return new Conversation(id, workspaceId, inboxId, contactId, status, assignee, lastSeq, lastMessageAt,
                createdAt);
    }
}
