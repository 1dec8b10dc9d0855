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
 * {@code redactions} counts what the redactor removed from the text before it was stored
 * (card numbers, IBANs, matches of the workspace's rules); agents see a marker when it is
 * not 0.
 */
@NamedInterface("api")
public record Message(WorkspaceId workspaceId, ConversationId conversationId, long seq, String clientMsgId,
        AuthorKind authorKind, String authorName, String text, Instant sentAt, @Nullable MessageFile file,
        int redactions) {

    /** Whether the redactor removed something from the text. */
    public boolean redacted() {
        return redactions > 0;
    }

    /**
     * The text as the markdown subset's segments, for templates (see
     * {@link MessageMarkdown}).
     */
    public List<MessageMarkdown.Segment> segments() {
        return MessageMarkdown.segments(text);
    }
}
