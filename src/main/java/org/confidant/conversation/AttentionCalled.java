package org.confidant.conversation;

import org.confidant.shared.MemberId;
import org.jspecify.annotations.Nullable;
import org.springframework.modulith.NamedInterface;

/**
 * A member's attention was called to a conversation (published before the commit): they
 * were mentioned in a note ({@code MENTIONED}, with the note's text), given the
 * conversation ({@code ASSIGNED}) or had it reassigned away from them
 * ({@code REASSIGNED}). For the dashboard's notifications; nothing about it is stored.
 * The recipient may read the conversation (a mention of a member who may not is ignored);
 * {@code by} is who did it and never the recipient.
 */
@NamedInterface("api")
public record AttentionCalled(Conversation conversation, MemberId recipient, Reason reason, String byName,
        String contactName, @Nullable String text) {

    public enum Reason {

        MENTIONED, ASSIGNED, REASSIGNED

    }
}
