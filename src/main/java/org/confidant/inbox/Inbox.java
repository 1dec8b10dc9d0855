package org.confidant.inbox;

import java.time.Instant;

import org.confidant.shared.InboxId;
import org.confidant.shared.WorkspaceId;

/** A website inbox. Its id is public: it is written in the embed snippet. */
public record Inbox(InboxId id, WorkspaceId workspaceId, String name, Instant createdAt) {
}
