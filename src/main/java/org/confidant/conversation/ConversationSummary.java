package org.confidant.conversation;

/** One row of the dashboard's conversation list, as the viewing member sees it. */
public record ConversationSummary(Conversation conversation, String contactName, String assigneeName,
        String lastMessagePreview, AuthorKind lastAuthor, long unread) {
}
