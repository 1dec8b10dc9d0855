package org.confidant.access;

import org.confidant.shared.MemberId;
import org.confidant.shared.WorkspaceId;
import org.jspecify.annotations.Nullable;
import org.springframework.modulith.NamedInterface;

/**
 * A member's role, overrides, scope or inboxes changed, or the member's access ended
 * ({@link #ended}: removed or deactivated, so the membership grants nothing any more).
 * Open sockets of the member re-read their grants (or close, when the access ended) as
 * soon as the change commits; an ended member's API tokens are revoked.
 *
 * @param ended null while the member keeps a membership that grants something
 */
@NamedInterface("api")
public record AccessChanged(WorkspaceId workspaceId, MemberId memberId, @Nullable Ending ended) {

    /** How a member's access ended. */
    public enum Ending {

        REMOVED, DEACTIVATED

    }

    /** Whether the member's access ended with this change. */
    public boolean accessEnded() {
        return ended != null;
    }
}
