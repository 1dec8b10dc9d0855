package org.confidant.conversation;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.confidant.shared.ConversationId;
import org.confidant.shared.MemberId;
import org.confidant.shared.WorkspaceId;
import org.springframework.modulith.NamedInterface;

/**
 * An internal note in a conversation's thread: written by a member for the members who
 * can read the conversation, never shown to its visitor. Its text is markdown as a
 * message's.
 */
@NamedInterface("api")
public record Note(UUID id, WorkspaceId workspaceId, ConversationId conversationId, String clientMsgId,
        MemberId authorMember, String authorName, String text, Instant createdAt) {

    /**
     * The text as the markdown subset's segments, for templates (see
     * {@link MessageMarkdown}).
     */
    public List<MessageMarkdown.Segment> segments() {
        return MessageMarkdown.segments(text);
    }
}
