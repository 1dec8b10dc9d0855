package org.confidant.conversation;

import org.springframework.modulith.NamedInterface;

/** Where a conversation stands. */
@NamedInterface("api")
public enum ConversationStatus {

    OPEN, RESOLVED

}
