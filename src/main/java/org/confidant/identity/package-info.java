/**
 * Identity: who people are. Accounts (an email, a display name, a password hashed with
 * Argon2id; bcrypt hashes of before are upgraded at sign-in), their memberships in
 * workspaces with a role, the single-use links that let people in (the first-start setup
 * link, invitations, password-reset links by email; stored only as SHA-256 digests and
 * consumed atomically), and the look-ups by email and account that signing in needs
 * ({@link org.confidant.identity.AccountManagement}). Changing a membership without a
 * permission check is the named interface {@code membership}
 * ({@link org.confidant.identity.Memberships}), which only {@code access} may use, after
 * authorising the change. Setup, invitations, password resets and sign-in look-ups are
 * cross-workspace ({@code @CrossWorkspace}).
 */
@ApplicationModule(displayName = "Identity",
        allowedDependencies = { "egress::api", "workspace::api", "ratelimit::api", "system::api", "tenancy::api" })
@NullMarked
package org.confidant.identity;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
