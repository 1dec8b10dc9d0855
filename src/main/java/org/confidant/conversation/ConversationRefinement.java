package org.confidant.conversation;

import org.confidant.shared.InboxId;
import org.confidant.shared.MemberId;
import org.jspecify.annotations.Nullable;
import org.springframework.modulith.NamedInterface;

/**
 * What narrows the conversation list beyond its {@link ConversationFilter}: one inbox,
 * one label, one assignee (or none: {@code unassigned}). Each is a further condition
 * within the member's scope, never a widening of it: an inbox the member does not read,
 * another workspace's label or member, select nothing they could not see anyway.
 */
@NamedInterface("api")
public record ConversationRefinement(@Nullable InboxId inbox, @Nullable LabelId label, @Nullable MemberId assignee,
        boolean unassigned) {

    /** No refinement. */
    public static final ConversationRefinement NONE = new ConversationRefinement(null, null, null, false);

    public ConversationRefinement {
        if (unassigned && assignee != null) {
            throw new IllegalArgumentException("either an assignee or unassigned");
        }
    }

}
