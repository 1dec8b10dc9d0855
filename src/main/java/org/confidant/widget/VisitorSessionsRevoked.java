package org.confidant.widget;

import org.confidant.shared.ContactId;
import org.confidant.shared.WorkspaceId;
import org.springframework.modulith.NamedInterface;

/**
 * Every visitor session of a contact was revoked: its tokens open nothing any more, and
 * its open sockets are to be closed (the real-time module does so after the commit, on
 * every node, with an error frame that says why).
 */
@NamedInterface("api")
public record VisitorSessionsRevoked(WorkspaceId workspaceId, ContactId contactId, Reason reason) {

    /** Why: decides the error code the visitor's sockets are closed with. */
    public enum Reason {

        /** A member blocked the contact: {@code visitor_blocked}. */
        BLOCKED,

        /** The contact was erased: {@code chat_ended}. */
        ERASED,

        /** The workspace was cancelled: {@code chat_ended}. */
        WORKSPACE_CANCELLED,

        /** The visitor withdrew their consent: {@code consent_withdrawn}. */
        CONSENT_WITHDRAWN

    }
}
