package org.confidant.attachment;

import java.time.Instant;

import org.confidant.conversation.AuthorKind;
import org.confidant.shared.ContactId;
import org.confidant.shared.ConversationId;
import org.confidant.shared.MemberId;
import org.confidant.shared.WorkspaceId;
import org.jspecify.annotations.Nullable;
import org.springframework.modulith.NamedInterface;

/**
 * A file sent in a conversation. {@code contactId} is the conversation's visitor (whose
 * quota a visitor's upload counts against); {@code uploaderMember} is null when the
 * visitor sent it; {@code contentType} is the type sniffed from the content;
 * {@code deletedAt} is set once the content is gone.
 */
@NamedInterface("api")
public record Attachment(AttachmentId id, WorkspaceId workspaceId, ConversationId conversationId, ContactId contactId,
        AuthorKind uploaderKind, @Nullable MemberId uploaderMember, String fileName, String contentType, long size,
        Instant createdAt, @Nullable Instant deletedAt) {

    public boolean deleted() {
        return deletedAt != null;
    }
}
