package org.confidant.workspace;

import java.time.Instant;

import org.confidant.shared.WorkspaceId;

/** A tenant: everything a business keeps in Confidant belongs to exactly one workspace. */
public record Workspace(WorkspaceId id, String name, Instant createdAt) {
}
