/**
 * Single sign-on: each workspace may trust one OpenID Connect provider
 * ({@link org.confidant.sso.SsoManagement}, its client secret encrypted). Members sign in
 * through it with Spring Security's authorization code flow with PKCE, added to the
 * dashboard's chain as a {@code signin.DashboardSignInMethod}; an external identity is
 * its issuer and subject, never its email, and joins its workspace just in time with the
 * provider's default role. "SSO required" keeps every member but the owners from entering
 * the workspace with a password ({@code signin.PasswordSignInPolicy}). Every request to a
 * provider (discovery, keys, token; user info is never asked for) goes through
 * {@link org.confidant.sso.SsoOutbound}, through the egress gate: the operator's host
 * allowlist and the SSRF guard, at save and at every sign-in.
 */
@ApplicationModule(displayName = "Single sign-on",
        allowedDependencies = { "access::api", "crypto::api", "egress::api", "identity::api", "signin::api",
                "tenancy::api", "workspace::api" })
@NullMarked
package org.confidant.sso;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
