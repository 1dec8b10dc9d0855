package org.confidant.conversation;

import org.springframework.modulith.NamedInterface;

/**
 * A member added an internal note to a conversation (published before the commit, like
 * {@link MessagePosted}): for the members who can read {@code conversation}, never for
 * its visitor.
 */
@NamedInterface("api")
public record NoteAdded(Note note, Conversation conversation) {
}
