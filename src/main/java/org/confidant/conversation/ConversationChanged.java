package org.confidant.conversation;

import org.confidant.shared.MemberId;
import org.jspecify.annotations.Nullable;
import org.springframework.modulith.NamedInterface;

/**
 * A conversation was opened, or its status, assignee or last sequence number changed.
 * {@code change} says what a member did (assigned, unassigned, resolved, reopened,
 * labelled), for dashboards to say so in place; it is null for what a message did.
 */
@NamedInterface("api")
public record ConversationChanged(Conversation conversation, @Nullable Change change) {

    /** A change of the conversation's state that no member made (a message). */
    public ConversationChanged(Conversation conversation) {
        this(conversation, null);
    }

    /**
     * What a member did: {@code by} (and their display name) did {@code kind}; for an
     * assignment, {@code assigneeName} is the new assignee's display name. {@code by} is
     * null when round-robin routing assigned it ({@code byName} says so).
     */
    public record Change(Kind kind, @Nullable MemberId by, String byName, @Nullable String assigneeName) {
    }

    public enum Kind {

        ASSIGNED, UNASSIGNED, RESOLVED, REOPENED,

        /** A label was put on the conversation or taken off. */
        LABELLED

    }
}
