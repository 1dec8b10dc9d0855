package org.confidant.sso;

import java.util.Optional;

import org.confidant.signin.PasswordSignInPolicy;
import org.confidant.identity.Role;
import org.confidant.shared.WorkspaceId;
import org.springframework.stereotype.Component;

/**
 * "SSO required": a member of such a workspace enters it through its provider, not with a
 * password. Owners are the break-glass: they keep their password (so a broken or lost
 * provider cannot lock a workspace out of its settings).
 */
@Component
class SsoPasswordPolicy implements PasswordSignInPolicy {

    private final SsoManagement management;

    SsoPasswordPolicy(SsoManagement management) {
        this.management = management;
    }

    @Override
    public Optional<String> requiredSignIn(WorkspaceId workspaceId, Role role) {
        return management.requiredProvider(workspaceId, role).map(SsoProvider::signInPath);
    }

}
