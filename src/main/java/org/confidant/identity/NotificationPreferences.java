package org.confidant.identity;

import org.springframework.modulith.NamedInterface;

/**
 * What notifies a member in the dashboard, and how: a new conversation in an inbox they
 * may read, a visitor's message in a conversation assigned to them, any visitor's message
 * in their inboxes; whether a sound plays; whether a desktop notification shows the
 * message's text ({@code previews}; off, it names only the inbox and the contact).
 */
@NamedInterface("api")
public record NotificationPreferences(boolean newConversations, boolean myConversations, boolean inboxMessages,
        boolean sound, boolean previews) {

    /**
     * A member's preferences until they change them: new conversations and messages in
     * their own conversations notify, with a sound, without the text.
     */
    public static final NotificationPreferences DEFAULTS = new NotificationPreferences(true, true, false, true, false);

    /**
     * Whether a visitor's message notifies: the first of a conversation counts as a new
     * conversation (and as a message in the inbox); a later one, in a conversation
     * assigned to this member, or in any conversation they may read.
     */
    public boolean wants(boolean firstMessage, boolean assignedToMe) {
        if (firstMessage) {
            return newConversations || inboxMessages;
        }
        return inboxMessages || (myConversations && assignedToMe);
    }

}
