package org.confidant.identity;

import org.confidant.shared.MemberId;
import org.confidant.shared.WorkspaceId;
import org.jspecify.annotations.Nullable;
import org.springframework.modulith.NamedInterface;

/**
 * The setup link made the first workspace and its owner; published inside the setup's
 * transaction, so a module that refuses one of the setup page's answers undoes the whole
 * setup. The answers about how long the workspace keeps conversations and files are
 * handed on as typed (blank or absent: for ever) to the module that owns retention, which
 * checks them.
 *
 * @param resolvedDays days resolved conversations are kept, as typed
 * @param attachmentDays days files are kept, as typed
 */
@NamedInterface("api")
public record WorkspaceSetUp(WorkspaceId workspaceId, MemberId ownerId, @Nullable String resolvedDays,
        @Nullable String attachmentDays) {
}
