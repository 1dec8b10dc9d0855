package org.confidant.shared;

/**
 * Something that acts inside one workspace: a signed-in member, an API caller, a member's
 * grants. The tenancy module reads the workspace of the current request and of a service
 * call from it.
 */
public interface WorkspaceScoped {

    WorkspaceId workspaceId();

}
