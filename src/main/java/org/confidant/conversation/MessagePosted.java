package org.confidant.conversation;

import org.springframework.modulith.NamedInterface;

/** A message was committed in the conversation of {@code contactId}. */
@NamedInterface("api")
public record MessagePosted(Message message, Conversation conversation) {
}
