package org.confidant.workspace;

import java.time.Instant;

import org.confidant.shared.WorkspaceId;
import org.springframework.modulith.NamedInterface;

/**
 * A tenant: everything a business keeps in Confidant belongs to exactly one workspace.
 */
@NamedInterface("api")
public record Workspace(WorkspaceId id, String name, Instant createdAt) {
}
