package org.confidant.reply;

import java.time.Instant;

import org.confidant.shared.MemberId;
import org.confidant.shared.WorkspaceId;
import org.jspecify.annotations.Nullable;

/**
 * A saved reply: the name typed after {@code /} and the body it inserts (decrypted).
 * {@code owner} is the member whose own reply it is, or null for the workspace's.
 */
public record SavedReply(SavedReplyId id, WorkspaceId workspaceId, @Nullable MemberId owner, String name, String body,
        Instant updatedAt) {

    /** Whether it is a member's own reply rather than the workspace's. */
    public boolean personal() {
        return owner != null;
    }

}
