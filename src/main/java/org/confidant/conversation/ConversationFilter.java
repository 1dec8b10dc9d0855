package org.confidant.conversation;

import org.springframework.modulith.NamedInterface;

/** The dashboard's conversation list filters. */
@NamedInterface("api")
public enum ConversationFilter {

    OPEN, RESOLVED, MINE, UNASSIGNED

}
