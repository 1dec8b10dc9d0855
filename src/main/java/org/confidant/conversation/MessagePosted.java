package org.confidant.conversation;

import org.confidant.shared.ContactId;

/** A message was committed in the conversation of {@code contactId}. */
public record MessagePosted(Message message, ContactId contactId) {
}
