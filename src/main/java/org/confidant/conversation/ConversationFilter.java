package org.confidant.conversation;

import org.springframework.modulith.NamedInterface;

/**
 * The dashboard's conversation list filters: open, resolved, open and mine, open and
 * unassigned, or all of them.
 */
@NamedInterface("api")
public enum ConversationFilter {

    OPEN, RESOLVED, MINE, UNASSIGNED, ALL

}
