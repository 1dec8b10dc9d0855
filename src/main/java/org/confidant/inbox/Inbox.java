package org.confidant.inbox;

import java.time.Instant;

import org.confidant.shared.InboxId;
import org.confidant.shared.WorkspaceId;
import org.springframework.modulith.NamedInterface;

/** A website inbox. Its id is public: it is written in the embed snippet. */
@NamedInterface("api")
public record Inbox(InboxId id, WorkspaceId workspaceId, String name, Instant createdAt) {
}
