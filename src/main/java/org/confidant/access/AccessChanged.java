package org.confidant.access;

import org.confidant.shared.MemberId;
import org.confidant.shared.WorkspaceId;

/**
 * A member's role, overrides, scope or inboxes changed, or the member was removed. Open sockets of the member
 * re-read their grants (or close, when {@code removed}) as soon as the change commits.
 */
public record AccessChanged(WorkspaceId workspaceId, MemberId memberId, boolean removed) {
}
