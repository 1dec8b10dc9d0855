package org.confidant.signin;

import java.util.Optional;

import org.confidant.identity.Role;
import org.confidant.shared.WorkspaceId;
import org.springframework.modulith.NamedInterface;

/**
 * Whether a membership may be entered with a password. Another module that signs people
 * in differently (the {@code
 * sso} module) implements it; identity asks every implementation at password sign-in and
 * when a session switches workspace, and lets nobody in that any of them refuses.
 */
@NamedInterface("api")
public interface PasswordSignInPolicy {

    /**
     * Where a member of the workspace with this role must sign in instead (a path of this
     * application), or empty when their password is enough.
     */
    Optional<String> requiredSignIn(WorkspaceId workspaceId, Role role);

}
