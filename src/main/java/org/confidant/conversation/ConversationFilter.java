package org.confidant.conversation;

/** The dashboard's conversation list filters. */
public enum ConversationFilter {
    OPEN, RESOLVED, MINE, UNASSIGNED
}
