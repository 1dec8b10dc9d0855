package org.confidant.conversation;

import java.time.Instant;
import java.util.List;

import org.confidant.shared.ConversationId;
import org.confidant.shared.WorkspaceId;
import org.jspecify.annotations.Nullable;
import org.springframework.modulith.NamedInterface;

/**
 * A stored message: {@code seq} is its place in the conversation (1, 2, 3 ...).
 * {@code file} is null for a text message; for a file, {@code text} is the file's name.
 */
@NamedInterface("api")
public record Message(WorkspaceId workspaceId, ConversationId conversationId, long seq, String clientMsgId,
        AuthorKind authorKind, String authorName, String text, Instant sentAt, @Nullable MessageFile file) {

    /**
     * The text as the markdown subset's segments, for templates (see
     * {@link MessageMarkdown}).
     */
    public List<MessageMarkdown.Segment> segments() {
        return MessageMarkdown.segments(text);
    }
}
