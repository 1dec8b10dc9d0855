package org.confidant.widget;

import java.time.Instant;
import java.util.UUID;

import org.confidant.shared.ContactId;
import org.confidant.shared.InboxId;
import org.confidant.shared.WorkspaceId;
import org.springframework.modulith.NamedInterface;

/**
 * An authenticated widget visitor: which workspace, inbox and contact the socket speaks
 * for, and the visitor token that was issued for it last.
 *
 * @param token the newest signed token of the session (see {@link VisitorSessions})
 * @param verified whether this session was opened with a valid identity token from the
 * business's site
 * @param id the session's id: what its tokens name, and what revoking it deletes
 * @param expiresAt when {@code token} stops working
 */
@NamedInterface("api")
public record VisitorSession(String token, WorkspaceId workspaceId, InboxId inboxId, ContactId contactId,
        boolean verified, UUID id, Instant expiresAt) {
}
