package org.confidant.api;

import org.confidant.shared.ApiTokenId;
import org.confidant.access.Grants;

/**
 * Who an API call acts for: the token, and its member's grants narrowed to the token's scope, as of this call.
 */
public record ApiCaller(ApiTokenId tokenId, String tokenName, Grants grants) {
}
