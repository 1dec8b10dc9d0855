package org.confidant.conversation;

import org.springframework.modulith.NamedInterface;

/** A conversation was opened, or its status, assignee or last sequence number changed. */
@NamedInterface("api")
public record ConversationChanged(Conversation conversation) {
}
