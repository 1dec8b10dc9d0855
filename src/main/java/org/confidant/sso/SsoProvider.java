package org.confidant.sso;

import java.util.UUID;

import org.confidant.identity.Role;
import org.confidant.shared.WorkspaceId;

/**
 * A workspace's OpenID Connect provider, as the settings page shows it (the client secret
 * is never read back).
 *
 * @param id also the client registration id: the sign-in link is {@link #signInPath()}
 * @param defaultRole the role of members who join just in time
 * @param ssoRequired whether members other than owners must sign in through the provider
 */
public record SsoProvider(UUID id, WorkspaceId workspaceId, String issuer, String clientId, Role defaultRole,
        boolean ssoRequired) {

    static final String AUTHORIZATION_BASE = "/oauth2/authorization";
    static final String CALLBACK_BASE = "/login/oauth2/code";

    /** Where a member starts signing in through this provider. */
    public String signInPath() {
        return AUTHORIZATION_BASE + "/" + id;
    }

    /** The redirect URI to register at the provider, relative to the public base URL. */
    public String callbackPath() {
        return CALLBACK_BASE + "/" + id;
    }
}
