package org.confidant.access;

/**
 * The per-member limit on which conversations they see, on top of their read permissions.
 */
public enum ConversationScope {

    /**
     * What the member's read permissions allow: every inbox, or the inboxes they belong
     * to.
     */
    INBOXES,
    /**
     * Only the conversations assigned to the member, whatever their read permissions say.
     */
    ASSIGNED

}
