/**
 * Single sign-on: each workspace may trust one OpenID Connect provider ({@link org.confidant.sso.SsoManagement}; its
 * client secret encrypted under the workspace's data key). Members sign in through it with Spring Security's
 * authorization code flow with PKCE; state, nonce, issuer, audience, expiry and signature are checked by Spring
 * Security and Nimbus. The authorization request waits server-side behind a single-use handle in a short-lived
 * {@code SameSite=Lax} cookie ({@link org.confidant.sso.AuthorizationRequestCookies}), because the session cookie
 * ({@code SameSite=Strict}) does not come back with the provider's cross-site redirect.
 *
 * <p>An external identity is its {@code (issuer, subject)}, never its email: its first sign-in creates an account (the
 * provider must vouch for the email with {@code email_verified}) unless an account already has that email, which it
 * never enters. Sign-in through a workspace's provider lands in that workspace only, joining it just in time with the
 * provider's default role (never owner); a removed membership stays removed. A workspace may require single sign-on:
 * its members other than owners (the break-glass) then cannot enter it with a password ({@link
 * org.confidant.identity.PasswordSignInPolicy}). Every request to a provider (discovery, keys, token; user info is
 * never asked for) goes through {@link org.confidant.sso.SsoOutbound}, guarded against SSRF by {@code alert}'s
 * {@link org.confidant.alert.OutboundUrlGuard} at save and at every sign-in. Depends on {@code identity}, {@code
 * access}, {@code crypto}, {@code workspace}, {@code alert} (its SSRF guard only), {@code tenancy} (a sign-in names its
 * provider by id alone) and {@code shared}.
 */
package org.confidant.sso;
