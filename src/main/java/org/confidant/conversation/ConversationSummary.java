package org.confidant.conversation;

import org.springframework.modulith.NamedInterface;

/** One row of the dashboard's conversation list, as the viewing member sees it. */
@NamedInterface("api")
public record ConversationSummary(Conversation conversation, String contactName, String assigneeName,
        String lastMessagePreview, AuthorKind lastAuthor, long unread) {
}
