package org.confidant.conversation;

/** Where a conversation stands. */
public enum ConversationStatus {
    OPEN, RESOLVED
}
