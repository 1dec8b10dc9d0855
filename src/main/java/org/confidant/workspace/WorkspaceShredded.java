package org.confidant.workspace;

import org.confidant.shared.WorkspaceId;
import org.springframework.modulith.NamedInterface;

/**
 * A workspace is gone: its rows were deleted (each module deleted its own on
 * {@link WorkspaceDeleted}, inside that transaction) and, after the commit, its keys were
 * destroyed and the erasure ledger recorded it. Published after that, outside any
 * transaction: what a module keeps outside the database (files, caches) of the workspace
 * goes now. Its own audit log went with it.
 *
 * @param receipt the id of the shredding's receipt (empty when there is none)
 */
@NamedInterface("api")
public record WorkspaceShredded(WorkspaceId workspaceId, String receipt) {
}
