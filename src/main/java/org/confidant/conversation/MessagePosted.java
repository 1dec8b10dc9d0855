package org.confidant.conversation;


/** A message was committed in the conversation of {@code contactId}. */
public record MessagePosted(Message message, Conversation conversation) {
}
