package org.confidant.api;

import org.confidant.shared.ApiTokenId;
import org.confidant.access.Grants;
import org.confidant.shared.WorkspaceId;
import org.confidant.shared.WorkspaceScoped;

/**
 * Who an API call acts for: the token, and its member's grants narrowed to the token's
 * scope, as of this call.
 */
public record ApiCaller(ApiTokenId tokenId, String tokenName, Grants grants) implements WorkspaceScoped {

    @Override
    public WorkspaceId workspaceId() {
        return grants.workspaceId();
    }
}
