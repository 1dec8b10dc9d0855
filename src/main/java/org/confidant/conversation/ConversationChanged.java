package org.confidant.conversation;

/** A conversation was opened, or its status, assignee or last sequence number changed. */
public record ConversationChanged(Conversation conversation) {
}
