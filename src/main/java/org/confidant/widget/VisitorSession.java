package org.confidant.widget;

import org.confidant.shared.ContactId;
import org.confidant.shared.InboxId;
import org.confidant.shared.WorkspaceId;

/**
 * An authenticated widget visitor: which workspace, inbox and contact the socket speaks for.
 *
 * @param verified whether this session was opened with a valid identity token from the business's site
 */
public record VisitorSession(String token, WorkspaceId workspaceId, InboxId inboxId, ContactId contactId,
        boolean verified) {
}
