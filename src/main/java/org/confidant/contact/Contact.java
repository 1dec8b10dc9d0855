package org.confidant.contact;

import java.time.Instant;

import org.confidant.shared.ContactId;
import org.confidant.shared.InboxId;
import org.confidant.shared.WorkspaceId;

/** A visitor (or customer) of a workspace, first seen in one inbox. */
public record Contact(ContactId id, WorkspaceId workspaceId, InboxId inboxId, String displayName, Instant createdAt) {
}
