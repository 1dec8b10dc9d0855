package org.confidant.workspace;

import org.confidant.shared.WorkspaceId;
import org.springframework.modulith.NamedInterface;

/**
 * A workspace is being deleted. Published inside the deleting transaction: each module
 * deletes its rows of the workspace in its listener (ordered so that rows go before the
 * rows they refer to). After the commit the workspace's keys are destroyed.
 */
@NamedInterface("api")
public record WorkspaceDeleted(WorkspaceId workspaceId) {
}
